import { evaluatePolicies, summarize } from '../../lib/policy/engine';
import { loadStacks } from '../../lib/policy/inputs';
import { Rule, StackInput } from '../../lib/policy/model';
import { Suppression } from '../../lib/policy/suppressions';
import { exactPorts } from '../../policies/network/exact-ports';
import { noWorldOpen } from '../../policies/network/no-world-open';

/** The two network rules whose findings these tests read (the pack itself is pinned in test/network/network-pack.test.ts). */
const NETWORK_RULES = [exactPorts, noWorldOpen];
import { ROOT } from '../helpers/cli';

const INPUTS = 'test/fixtures/policy/inputs';
const [u1, u2] = loadStacks([`${INPUTS}/cdktf-out`], { cwd: ROOT });

const metadata = { pack: 'gke' as const, title: 'A test rule', severity: 'error' as const, rationale: 'r', reference: { document: 'doc.txt', section: 'Section' }, remediation: 'fix it' };
const flags: Rule = {
  ...metadata, id: 'gke.test-flags', suppressible: true,
  evaluate: (stack) => stack.resources.filter((r) => r.type === 'google_compute_firewall').map((r) => ({ address: r.address, path: r.jsonPath, message: `flagged ${r.name}` })),
};
const unsupported: Rule = { ...flags, id: 'gke.test-unsupported', suppressible: false };
const throws: Rule = { ...metadata, id: 'gke.test-throws', suppressible: true, evaluate: () => { throw new TypeError('cannot read properties of undefined'); } };

function fileSuppression(ruleId: string, address: string, extra: Partial<Suppression> = {}): Suppression {
  return { ruleId, address, reason: 'accepted for the test, see CHG-1', source: { kind: 'file', file: 'cxunit-suppressions.yaml', path: 'suppressions[0]', line: 2, column: 5 }, ...extra };
}

describe('the policy engine', () => {
  it('adds rule id, severity, stack, file and the rule\'s reference to each violation', () => {
    const report = evaluatePolicies([u1], [flags]);
    expect(report.findings[0]).toEqual({
      ruleId: 'gke.test-flags', severity: 'error', stack: 'u1', file: `${INPUTS}/cdktf-out/stacks/u1/cdk.tf.json`, suppressed: false,
      address: 'google_compute_firewall.internet_ingress', path: 'resource.google_compute_firewall.internet_ingress', message: 'flagged internet_ingress', reference: 'doc.txt, Section',
    });
    expect(report.findings.map((f) => f.address)).toEqual(['google_compute_firewall.internet_ingress', 'google_compute_firewall.health_check', 'google_compute_firewall.sbc_ingress']);
  });

  it('reports a rule that throws as an internal error of that rule, never a pass', () => {
    const report = evaluatePolicies([u1], [throws]);
    expect(report.findings).toEqual([{
      ruleId: 'gke.test-throws', severity: 'error', stack: 'u1', file: `${INPUTS}/cdktf-out/stacks/u1/cdk.tf.json`, suppressed: false, internalError: true,
      address: 'stack', path: '', reference: 'doc.txt, Section',
      message: 'internal error: rule gke.test-throws failed on this stack (cannot read properties of undefined); the stack was not checked by this rule. This is a cxunit bug: report it with the stack file',
    }]);
    expect(summarize(report)).toMatchObject({ errors: 1, internalErrors: 1 });
  });

  it('marks suppressed findings and keeps them, with the reason and where it is written', () => {
    const report = evaluatePolicies([u1, u2], NETWORK_RULES, { suppressions: [fileSuppression('network.no-world-open', 'google_compute_firewall.ssh', { stack: 'u2' })], today: '2030-01-01' });
    const worldOpen = report.findings.filter((f) => f.ruleId === 'network.no-world-open');
    expect(worldOpen.map((f) => [f.stack, f.address, f.suppressed, f.suppression])).toEqual([
      ['u2', 'google_compute_firewall.ssh', true, { reason: 'accepted for the test, see CHG-1', source: 'cxunit-suppressions.yaml suppressions[0]' }],
    ]);
    expect(report.findings.filter((f) => f.ruleId === 'network.exact-ports').map((f) => [f.stack, f.address, f.suppressed])).toEqual([['u2', 'google_compute_firewall.ssh', false]]);
    expect(summarize(report)).toEqual({ stacks: 2, rules: 2, errors: 1, warnings: 0, suppressed: 1, cannotVerify: 0, internalErrors: 0 });
  });

  it('applies a suppression without a stack to every stack, and one with a stack only to that stack', () => {
    const everywhere = evaluatePolicies([u1, u2], [flags], { suppressions: [fileSuppression('gke.test-flags', 'google_compute_firewall.health_check')] });
    expect(everywhere.findings.filter((f) => f.suppressed).map((f) => f.stack)).toEqual(['u1', 'u2']);
    const one = evaluatePolicies([u1, u2], [flags], { suppressions: [fileSuppression('gke.test-flags', 'google_compute_firewall.health_check', { stack: 'u2' })] });
    expect(one.findings.filter((f) => f.suppressed).map((f) => f.stack)).toEqual(['u2']);
  });

  it('reports an expired suppression as an error and stops applying it', () => {
    const expired = fileSuppression('gke.test-flags', 'google_compute_firewall.health_check', { expires: '2024-12-31' });
    const report = evaluatePolicies([u1], [flags], { suppressions: [expired], today: '2025-01-01' });
    expect(report.findings.filter((f) => f.suppressed)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId.startsWith('cxunit.'))).toEqual([{
      ruleId: 'cxunit.expired-suppression', severity: 'error', stack: '*', file: 'cxunit-suppressions.yaml', address: 'google_compute_firewall.health_check',
      path: 'suppressions[0]', suppressed: false, location: { line: 2, column: 5 },
      reference: 'Setting up Genesys Multicloud CX Private Edition, Security (you are responsible for maintaining the security of your private edition infrastructure)',
      message: 'suppression of gke.test-flags on google_compute_firewall.health_check expired on 2024-12-31 (cxunit-suppressions.yaml suppressions[0]): fix the finding and delete the suppression, or renew it with a new date and reason',
    }]);
  });

  it('keeps a suppression through its expiry day', () => {
    const lastDay = fileSuppression('gke.test-flags', 'google_compute_firewall.health_check', { expires: '2025-01-01' });
    const report = evaluatePolicies([u1], [flags], { suppressions: [lastDay], today: '2025-01-01' });
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.address)).toEqual(['google_compute_firewall.health_check']);
  });

  it('ignores and reports a suppression of a rule that cannot be suppressed', () => {
    const report = evaluatePolicies([u1], [unsupported], { suppressions: [fileSuppression('gke.test-unsupported', 'google_compute_firewall.health_check')] });
    expect(report.findings.filter((f) => f.suppressed)).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'cxunit.unsuppressible').map((f) => [f.severity, f.message])).toEqual([[
      'warning',
      'suppression of gke.test-unsupported on google_compute_firewall.health_check is ignored (cxunit-suppressions.yaml suppressions[0]): gke.test-unsupported checks a documented unsupported feature and cannot be suppressed; delete the suppression',
    ]]);
  });

  it('reads suppressions from a resource\'s "//" metadata, for that resource and stack only', () => {
    const withMetadata: StackInput = {
      ...u1,
      resources: u1.resources.map((r) => (r.address === 'google_compute_firewall.sbc_ingress'
        ? { ...r, metadata: { cxunit: { suppressions: [{ ruleId: 'gke.test-flags', reason: 'the SBC rule is reviewed by voice ops' }] } } } : r)),
    };
    const report = evaluatePolicies([withMetadata], [flags]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => [f.address, f.suppression])).toEqual([[
      'google_compute_firewall.sbc_ingress',
      { reason: 'the SBC rule is reviewed by voice ops', source: `${INPUTS}/cdktf-out/stacks/u1/cdk.tf.json resource.google_compute_firewall.sbc_ingress["//"].cxunit.suppressions[0]` },
    ]]);
  });

  it('lists the rules that ran and the engine checks', () => {
    expect(evaluatePolicies([u1], NETWORK_RULES).rules.map((r) => r.id)).toEqual(['network.exact-ports', 'network.no-world-open', 'cxunit.expired-suppression', 'cxunit.unsuppressible', 'cxunit.cannot-read', 'cxunit.partial-check']);
  });
});
