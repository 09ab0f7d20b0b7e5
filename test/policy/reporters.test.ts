import { evaluatePolicies, PolicyReport } from '../../lib/policy/engine';
import { loadStacks } from '../../lib/policy/inputs';
import { SourceLocator } from '../../lib/policy/locations';
import { REPORTERS } from '../../lib/policy/reporters';
import { ReporterContext } from '../../lib/policy/reporters/common';
import { escapeData, escapeProperty } from '../../lib/policy/reporters/github';
import { Suppression } from '../../lib/policy/suppressions';
import { AKS_RULES } from '../../policies';
import { exactPorts } from '../../policies/network/exact-ports';
import { noWorldOpen } from '../../policies/network/no-world-open';

/** The two network rules whose findings these tests read (the pack itself is pinned in test/network/network-pack.test.ts). */
const NETWORK_RULES = [exactPorts, noWorldOpen];
import { ROOT } from '../helpers/cli';
import { sarifSchemaErrors } from './sarif-schema';

const U1 = 'test/fixtures/policy/inputs/cdktf-out/stacks/u1/cdk.tf.json';
const U2 = 'test/fixtures/policy/inputs/cdktf-out/stacks/u2/cdk.tf.json';
const SUPPRESSIONS: Suppression[] = [
  { ruleId: 'network.no-world-open', address: 'google_compute_firewall.ssh', stack: 'u2', reason: 'Break-glass SSH (CHG-1234)', source: { kind: 'file', file: 'cxunit-suppressions.yaml', path: 'suppressions[0]', line: 2, column: 5 } },
  { ruleId: 'network.exact-ports', address: 'stack', reason: 'an entry that has expired', expires: '2029-12-31', source: { kind: 'file', file: 'cxunit-suppressions.yaml', path: 'suppressions[1]', line: 6, column: 5 } },
];

const EXACT = 'unexpected flow: INGRESS tcp 22 from 0.0.0.0/0 to google_container_node_pool.general, opened by google_compute_firewall.ssh (allow, priority 1000); '
  + "no documented flow of the unit's boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows";
const EXACT_REFERENCE = 'no catalog connection documents this flow for unit u1 (checked against Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols; Voice connectivity; connection tables of 000, 001, 002, 004)';
const WORLD = 'tcp 22 on google_container_node_pool.general is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.ssh (allow, priority 1000): '
  + "only the documented internet-facing ingress (tcp 443 to the ingress node pools) may be; restrict the rule's source_ranges to the peers that need it";
const WORLD_REFERENCE = 'Setting up Genesys Multicloud CX Private Edition, Network access types > Ingress; Software requirements > Third-party dependencies (Load balancer)';
const EXPIRED = 'suppression of network.exact-ports on stack expired on 2029-12-31 (cxunit-suppressions.yaml suppressions[1]): fix the finding and delete the suppression, or renew it with a new date and reason';
const EXPIRED_REFERENCE = 'Setting up Genesys Multicloud CX Private Edition, Security (you are responsible for maintaining the security of your private edition infrastructure)';

describe('reporters', () => {
  let report: PolicyReport;
  let context: ReporterContext;
  beforeAll(() => {
    const stacks = loadStacks(['test/fixtures/policy/inputs/cdktf-out'], { cwd: ROOT });
    report = evaluatePolicies(stacks, NETWORK_RULES, { suppressions: SUPPRESSIONS, today: '2030-01-01' });
    context = { report, failOn: 'error', locator: new SourceLocator(ROOT), cwd: ROOT };
  });

  it('text: a compiler-style line per finding, suppressed findings apart, and a summary', () => {
    expect(REPORTERS.text(context)).toBe([
      `${U2}:163:11: error network.exact-ports [u2] google_compute_firewall.ssh: ${EXACT}`,
      `    reference: ${EXACT_REFERENCE}`,
      `cxunit-suppressions.yaml:6:5: error cxunit.expired-suppression [*] stack: ${EXPIRED}`,
      `    reference: ${EXPIRED_REFERENCE}`,
      '',
      'suppressed (1, not counted):',
      `${U2}:163:11: error network.no-world-open [u2] google_compute_firewall.ssh: ${WORLD}`,
      `    reference: ${WORLD_REFERENCE}`,
      '    suppressed: Break-glass SSH (CHG-1234) (cxunit-suppressions.yaml suppressions[0])',
      '',
      '2 stacks, 2 rules: 2 errors, 0 warnings, 1 suppressed',
    ].join('\n'));
  });

  it('text: says so when there is nothing to report', () => {
    const clean = evaluatePolicies(loadStacks([U1], { cwd: ROOT }), NETWORK_RULES);
    expect(REPORTERS.text({ ...context, report: clean })).toBe('1 stack, 2 rules: no findings');
  });

  it('json: the public shape, with a summary', () => {
    const json = JSON.parse(REPORTERS.json(context));
    expect(json.findings).toEqual([
      { ruleId: 'network.exact-ports', severity: 'error', stack: 'u2', file: U2, line: 163, column: 11, address: 'google_compute_firewall.ssh', path: 'resource.google_compute_firewall.ssh.allow[0]', message: EXACT, reference: EXACT_REFERENCE, suppressed: false, cannotVerify: false },
      {
        ruleId: 'network.no-world-open', severity: 'error', stack: 'u2', file: U2, line: 163, column: 11, address: 'google_compute_firewall.ssh', path: 'resource.google_compute_firewall.ssh.allow[0]', message: WORLD, reference: WORLD_REFERENCE,
        suppressed: true, suppression: { reason: 'Break-glass SSH (CHG-1234)', source: 'cxunit-suppressions.yaml suppressions[0]' }, cannotVerify: false,
      },
      { ruleId: 'cxunit.expired-suppression', severity: 'error', stack: '*', file: 'cxunit-suppressions.yaml', line: 6, column: 5, address: 'stack', path: 'suppressions[1]', message: EXPIRED, reference: EXPIRED_REFERENCE, suppressed: false, cannotVerify: false },
    ]);
    expect(json.summary).toEqual({ stacks: 2, rules: 2, errors: 2, warnings: 0, suppressed: 1, cannotVerify: 0, internalErrors: 0, failOn: 'error', failing: 2, stackNames: ['u1', 'u2'] });
    expect(json.notApplicable).toEqual([]);
  });

  it('json and junit: a rule with nothing to check in a stack is listed as not applicable, and skipped', () => {
    const stacks = loadStacks(['test/fixtures/policy/inputs/cdktf-out'], { cwd: ROOT });
    // GKE units: the AKS rules have nothing to check there
    const aks = evaluatePolicies(stacks, AKS_RULES.filter((rule) => rule.id === 'aks.single-cluster'));
    const reason = 'the stack has no AKS cluster or node pool (azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool)';
    const clean = { ...context, report: aks };
    expect(JSON.parse(REPORTERS.json(clean)).notApplicable).toEqual([
      { stack: 'u1', ruleId: 'aks.single-cluster', reason },
      { stack: 'u2', ruleId: 'aks.single-cluster', reason },
    ]);
    const xml = REPORTERS.junit(clean);
    expect(xml).toContain('<testsuites name="cxunit check" tests="2" failures="0" errors="0" skipped="2">');
    expect(xml).toContain(`  <testsuite name="u1" tests="1" failures="0" errors="0" skipped="1" file="${U1}">\n`
      + `    <testcase classname="u1" name="aks.single-cluster: ${AKS_RULES.find((rule) => rule.id === 'aks.single-cluster')!.title}" file="${U1}">\n      <skipped message="does not apply: ${reason}"/>\n    </testcase>`);
  });

  describe('sarif', () => {
    let log: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
    beforeAll(() => {
      log = JSON.parse(REPORTERS.sarif(context));
    });

    it('validates against the SARIF 2.1.0 schema (which does reject a malformed log)', () => {
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ results: [] }] })).toEqual(["/runs/0 must have required property 'tool'"]);
    });

    it('has one rule entry per rule id, with help text', () => {
      const rules = log.runs[0].tool.driver.rules;
      expect(rules.map((r: { id: string }) => r.id)).toEqual(['network.exact-ports', 'network.no-world-open', 'cxunit.expired-suppression', 'cxunit.unsuppressible', 'cxunit.cannot-read', 'cxunit.partial-check']);
      expect(rules[1].help.text).toBe("Restrict the rule's `source_ranges` (GCP) or `source_address_prefix(es)` (Azure) to the peers that need the port (the SBC, the peer units, the health-check ranges), or remove the rule. "
        + 'Only the internet-ingress boundary\'s ports may be open to 0.0.0.0/0.\n\nSource: Setting up Genesys Multicloud CX Private Edition, Network access types > Ingress; Software requirements > Third-party dependencies (Load balancer).');
      expect(rules[1].defaultConfiguration).toEqual({ level: 'error' });
    });

    it('points each result at the cdk.tf.json (relative to %SRCROOT%), the line of the value and the resource address', () => {
      const [exact, world, expired] = log.runs[0].results;
      expect(exact).toMatchObject({
        ruleId: 'network.exact-ports', ruleIndex: 0, level: 'error', message: { text: EXACT },
        locations: [{
          physicalLocation: { artifactLocation: { uri: U2, uriBaseId: '%SRCROOT%' }, region: { startLine: 163, startColumn: 11 } },
          logicalLocations: [{ name: 'google_compute_firewall.ssh', fullyQualifiedName: 'u2/google_compute_firewall.ssh', kind: 'resource' }],
        }],
      });
      expect(exact.suppressions).toBeUndefined();
      expect(world.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Break-glass SSH (CHG-1234)' }]);
      expect(expired.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'cxunit-suppressions.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 5 } });
      expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${ROOT}/`);
    });
  });

  it('junit: one testsuite per stack, one testcase per rule, a failure per failing rule', () => {
    const xml = REPORTERS.junit(context);
    expect(xml.split('\n').slice(0, 6)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="cxunit check" tests="5" failures="2" errors="0" skipped="0">',
      `  <testsuite name="u1" tests="2" failures="0" errors="0" skipped="0" file="${U1}">`,
      `    <testcase classname="u1" name="network.exact-ports: Firewall rules open exactly the documented flows" file="${U1}"/>`,
      `    <testcase classname="u1" name="network.no-world-open: Only the documented internet-facing ingress is reachable from the internet" file="${U1}"/>`,
      '  </testsuite>',
    ]);
    expect(xml).toContain(`<failure type="error" message="1 finding: ${EXACT}">${U2}:163:11 google_compute_firewall.ssh: ${EXACT} [${EXACT_REFERENCE}]</failure>`);
    expect(xml).toContain('<system-out>suppressed: ');
    expect(xml).toContain('Network access types &gt; Ingress');
    expect(xml).toContain('<testsuite name="cxunit-suppressions.yaml" tests="1" failures="1" errors="0" skipped="0" file="cxunit-suppressions.yaml">');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml.trim().endsWith('</testsuites>')).toBe(true);
  });

  it('junit: reports findings below --fail-on as output, not failures', () => {
    const xml = REPORTERS.junit({ ...context, report: { ...report, findings: report.findings.map((f) => ({ ...f, severity: 'warning' as const })) } });
    expect(xml).toContain('<testsuites name="cxunit check" tests="5" failures="0" errors="0" skipped="0">');
    expect(xml).toContain('<system-out>warning: ');
  });

  it('github: workflow commands, ::notice for suppressed findings', () => {
    expect(REPORTERS.github(context).split('\n')).toEqual([
      `::error file=${U2},line=163,col=11,title=network.exact-ports (u2 google_compute_firewall.ssh)::${EXACT}%0Areference: ${EXACT_REFERENCE}`,
      `::notice file=${U2},line=163,col=11,title=network.no-world-open (u2 google_compute_firewall.ssh)::${WORLD}%0Areference: ${WORLD_REFERENCE}%0Asuppressed: Break-glass SSH (CHG-1234)`,
      `::error file=cxunit-suppressions.yaml,line=6,col=5,title=cxunit.expired-suppression (* stack)::${EXPIRED}%0Areference: ${EXPIRED_REFERENCE}`,
      '2 stacks, 2 rules: 2 errors, 0 warnings, 1 suppressed',
    ]);
  });

  it('github: escapes what workflow commands give a meaning', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a: b, c')).toBe('a%3A b%2C c');
  });
});
