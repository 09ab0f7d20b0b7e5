import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { synthesizeGkeUnit } from '../../lib/testing/synth';
import { AKS_RULES, ALL_RULES } from '../../policies';
import { PRIMARY } from '../gke/example-props';
import { cxunit, ROOT } from '../helpers/cli';
import { withWorldOpenSsh, writeStack } from '../helpers/stacks';
import { sarifSchemaErrors } from '../policy/sarif-schema';

/**
 * `cxunit check`, `explain` and `flows` through the real compiled command line. The compliant stack is
 * the example GkeUnit (test/gke/example-props.ts) synthesized for real; the others are fixtures.
 */

const INPUTS = 'test/fixtures/policy/inputs';
const RULE_COUNT = ALL_RULES.length;
const NO_TRACE = /\n\s+at /;

let work: string;
let compliant: string;
let withSsh: string;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function json(stdout: string) {
  return JSON.parse(stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-check-'));
  const unit = synthesizeGkeUnit(PRIMARY);
  compliant = writeStack(path.join(work, 'out', 'stacks', 'usw1'), unit);
  withSsh = writeStack(path.join(work, 'ssh', 'usw1'), withWorldOpenSsh(unit));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('cxunit check: exit codes', () => {
  it('exits 0 on the example unit, which passes every rule', () => {
    const result = cxunit(['check', compliant]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`1 stack, ${RULE_COUNT} rules: no findings\n`);
    expect(result.status).toBe(0);
  });

  it('reads a whole cdktf.out directory', () => {
    const result = cxunit(['check', path.join(work, 'out'), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(json(result.stdout).summary).toMatchObject({ stacks: 1, stackNames: ['usw1'], errors: 0 });
  });

  it('exits 1 on an error finding, and names the rule, the resource and the fix', () => {
    const result = cxunit(['check', withSsh, '--format', 'json']);
    expect(result.status).toBe(1);
    const { findings, summary } = json(result.stdout);
    expect(findings.map((f) => [f.ruleId, f.address, f.suppressed])).toEqual([
      ['network.exact-ports', 'google_compute_firewall.ssh', false],
      ['network.no-world-open', 'google_compute_firewall.ssh', false],
    ]);
    expect(findings[1].message).toMatch(/^tcp 22 on google_container_node_pool\.\S+ is reachable from the whole internet \(0\.0\.0\.0\/0\), opened by google_compute_firewall\.ssh \(allow, priority 1000\): only the documented internet-facing ingress \(tcp 443 to the ingress node pools\) may be; restrict the rule's source_ranges to the peers that need it$/);
    expect(summary).toMatchObject({ stacks: 1, errors: 2, warnings: 0, suppressed: 0, failOn: 'error', failing: 2 });
  });

  it('exits 0 when the findings are suppressed with a reason, and still reports them as suppressed', () => {
    const file = path.join(work, 'suppress-ssh.yaml');
    fs.writeFileSync(file, [
      'suppressions:',
      '  - ruleId: network.exact-ports',
      '    address: google_compute_firewall.ssh',
      '    reason: Break-glass SSH during the migration (CHG-1234)',
      '  - ruleId: network.no-world-open',
      '    address: google_compute_firewall.ssh',
      '    stack: usw1',
      '    reason: Break-glass SSH during the migration (CHG-1234)',
      '    expires: 2099-12-31',
      '',
    ].join('\n'));
    const result = cxunit(['check', withSsh, '--format', 'json', '--suppressions', file]);
    expect(result.status).toBe(0);
    const { findings, summary } = json(result.stdout);
    expect(findings.map((f) => [f.ruleId, f.suppressed, (f.suppression as { reason: string }).reason])).toEqual([
      ['network.exact-ports', true, 'Break-glass SSH during the migration (CHG-1234)'],
      ['network.no-world-open', true, 'Break-glass SSH during the migration (CHG-1234)'],
    ]);
    expect(summary).toMatchObject({ errors: 0, suppressed: 2, failing: 0 });
  });

  it('reads cxunit-suppressions.yaml from the working directory by default', () => {
    const dir = path.join(work, 'default-suppressions');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cxunit-suppressions.yaml'), 'suppressions:\n  - ruleId: network.exact-ports\n    address: google_compute_firewall.ssh\n    reason: accepted in this directory only\n');
    const result = cxunit(['check', withSsh, '--format', 'json'], { cwd: dir });
    expect(json(result.stdout).findings.map((f) => [f.ruleId, f.suppressed])).toEqual([['network.exact-ports', true], ['network.no-world-open', false]]);
    expect(result.status).toBe(1);
  });

  it('exits 1 on an expired suppression, which no longer applies', () => {
    const file = path.join(work, 'expired.yaml');
    fs.writeFileSync(file, 'suppressions:\n  - ruleId: network.exact-ports\n    address: google_compute_firewall.ssh\n    reason: Break-glass SSH during the migration (CHG-1000)\n    expires: 2020-01-31\n');
    const result = cxunit(['check', withSsh, '--suppressions', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}:2:5: error cxunit.expired-suppression [*] google_compute_firewall.ssh: suppression of network.exact-ports on google_compute_firewall.ssh expired on 2020-01-31`);
    expect(result.stdout).toContain('error network.exact-ports [usw1] google_compute_firewall.ssh: unexpected flow');
  });

  it('fails on warnings only with --fail-on warning (a refused suppression is a warning)', () => {
    const file = path.join(work, 'unsuppressible.yaml');
    fs.writeFileSync(file, 'suppressions:\n  - ruleId: gke.no-autopilot\n    address: google_container_cluster.anything\n    reason: trying to suppress an unsupported feature\n');
    const atError = cxunit(['check', compliant, '--suppressions', file, '--format', 'json']);
    expect(atError.status).toBe(0);
    expect(json(atError.stdout).findings.map((f) => [f.ruleId, f.severity])).toEqual([['cxunit.unsuppressible', 'warning']]);
    const atWarning = cxunit(['check', compliant, '--suppressions', file, '--fail-on', 'warning']);
    expect(atWarning.status).toBe(1);
  });

  it('reports a plan whose values are unknown until apply as "cannot verify", never a pass', () => {
    const result = cxunit(['check', `${INPUTS}/plan-u1/plan.json`, '--format', 'json']);
    expect(result.status).toBe(1);
    const network = json(result.stdout).findings.filter((f) => String(f.ruleId).startsWith('network.'));
    expect(network.map((f) => [f.ruleId, f.path, f.cannotVerify, f.suppressed])).toEqual([
      ['network.exact-ports', 'resource_changes[0].change.after.source_ranges', true, true],
      ['network.no-world-open', 'resource_changes[0].change.after.source_ranges', true, false],
    ]);
  });
});

describe('cxunit check: formats', () => {
  it('text', () => {
    const result = cxunit(['check', withSsh]);
    const file = path.join(withSsh, 'cdk.tf.json');
    expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: error network\\.exact-ports \\[usw1\\] google_compute_firewall\\.ssh: unexpected flow: INGRESS tcp 22 from 0\\.0\\.0\\.0/0 to `));
    expect(result.stdout.trim().split('\n').pop()).toBe(`1 stack, ${RULE_COUNT} rules: 2 errors, 0 warnings, 0 suppressed`);
  });

  it('sarif, valid against the SARIF 2.1.0 schema, locating the resource in the cdk.tf.json', () => {
    const result = cxunit(['check', withSsh, '--format', 'sarif']);
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...ALL_RULES.map((r) => r.id), 'cxunit.expired-suppression', 'cxunit.unsuppressible', 'cxunit.cannot-read', 'cxunit.partial-check']);
    const lines = fs.readFileSync(path.join(withSsh, 'cdk.tf.json'), 'utf8').split('\n');
    const [result0] = log.runs[0].results;
    const location = result0.locations[0];
    // outside the working directory, a file is named by its absolute file: URI
    expect(location.physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(path.join(withSsh, 'cdk.tf.json')).href });
    // the region is the allow block that opens the flow
    const { startLine, startColumn } = location.physicalLocation.region;
    expect(lines[startLine - 1].slice(startColumn - 1)).toBe('{');
    expect(lines[startLine]).toContain('"protocol": "tcp"');
    expect(location.logicalLocations).toEqual([{ name: 'google_compute_firewall.ssh', fullyQualifiedName: 'usw1/google_compute_firewall.ssh', kind: 'resource' }]);
  });

  it('junit, one testsuite per stack and one testcase per rule', () => {
    const result = cxunit(['check', withSsh, `${INPUTS}/cdktf-out`, '--format', 'junit']);
    expect(result.status).toBe(1);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cxunit check"')).toBe(true);
    expect(result.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(3 * RULE_COUNT);
    // a GKE unit: the aks rules have nothing to check there, and say so
    expect(result.stdout).toContain(`<testsuite name="usw1" tests="${RULE_COUNT}" failures="2" errors="0" skipped="${AKS_RULES.length}"`);
    const skippedCases = [...result.stdout.matchAll(/<testcase classname="usw1" name="([^":]+):[^"]*"[^>]*>\n\s*<skipped message="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(skippedCases).toEqual(AKS_RULES.map((rule) => [rule.id, 'does not apply: the stack has no AKS cluster or node pool (azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool)']));
  });

  it('github workflow commands', () => {
    const result = cxunit(['check', withSsh, '--format', 'github']);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 2).map((l) => `::${l.split('::')[1]}`.replace(/line=\d+,col=\d+/, 'line=L,col=C'))).toEqual([
      `::error file=${path.join(withSsh, 'cdk.tf.json')},line=L,col=C,title=network.exact-ports (usw1 google_compute_firewall.ssh)`,
      `::error file=${path.join(withSsh, 'cdk.tf.json')},line=L,col=C,title=network.no-world-open (usw1 google_compute_firewall.ssh)`,
    ]);
    expect(lines[0]).toMatch(/::unexpected flow: INGRESS tcp 22 from 0\.0\.0\.0\/0 to .*%0Areference: no catalog connection documents this flow/);
  });

  it('writes the report to --output atomically, and the summary to stderr', () => {
    const output = path.join(work, 'reports', 'check.json');
    const result = cxunit(['check', withSsh, '--format', 'json', '--output', output]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`1 stack, ${RULE_COUNT} rules: 2 errors, 0 warnings, 0 suppressed (report written to ${output})\n`);
    expect(json(fs.readFileSync(output, 'utf8')).findings).toHaveLength(2);
    expect(fs.readdirSync(path.dirname(output))).toEqual(['check.json']);
  });
});

describe('cxunit check: usage and input errors exit 2 without a stack trace', () => {
  const cases: Array<[string, string[], string]> = [
    ['not JSON', ['check', `${INPUTS}/malformed/not-json.json`],
      `${INPUTS}/malformed/not-json.json:7:1: not valid JSON: unexpected end of file: the '{' at 2:15 is never closed, close it\n`],
    ['wrong shape', ['check', `${INPUTS}/malformed/wrong-shape.json`],
      `${INPUTS}/malformed/wrong-shape.json:3:32: resource.google_compute_firewall: must be an object keyed by resource name (or a list of such objects), found the string "ssh": write "google_compute_firewall": { "<name>": { ... } }\n`],
    ['a package.json, which is not Terraform', ['check', 'test/fixtures/policy/inputs/not-terraform/package.json'],
      'test/fixtures/policy/inputs/not-terraform/package.json:2:11: name: not Terraform JSON: "name" is not a Terraform top-level block (nor 3 other keys); '
      + 'a cdk.tf.json or *.tf.json has only resource, data, module, provider, terraform, variable, output and locals, and a plan has planned_values or resource_changes: check that this is the right file\n'],
    ['a plan of the wrong shape', ['check', `${INPUTS}/malformed/plan-wrong-shape.json`],
      `${INPUTS}/malformed/plan-wrong-shape.json:4:23: resource_changes: must be a list, found an object: is this "terraform show -json" output?\n`],
    ['missing path', ['check', `${INPUTS}/does-not-exist`],
      `${INPUTS}/does-not-exist: no such file or directory: check the path (give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON)\n`],
    ['an invalid suppressions file', ['check', `${INPUTS}/cdktf-out`, '--suppressions', `${INPUTS}/suppressions/invalid.yaml`],
      `${INPUTS}/suppressions/invalid.yaml:4:13: suppressions[0].reason: "temp" is malformed: give a reason of at least 10 characters that says why the finding is acceptable\n`
      + `${INPUTS}/suppressions/invalid.yaml:9:5: suppressions[2]: missing key "address": add it\n`
      + `${INPUTS}/suppressions/invalid.yaml:11:5: suppressions[2].until: unknown key "until": remove it or use one of ruleId, address, stack, reason, expires\n`],
  ];
  it.each(cases)('%s', (_name, args, stderr) => {
    const result = cxunit(args);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });

  it('a bad input after good ones: every stack is read first, nothing is written, every problem is listed', () => {
    // Stacks are checked as they are read: the good ones before and between the bad ones must not reach the report.
    const output = path.join(work, 'streamed', 'report.json');
    const result = cxunit(['check', withSsh, `${INPUTS}/malformed/not-json.json`, compliant, `${INPUTS}/malformed/wrong-shape.json`, '--format', 'json', '--output', output]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean).map((line) => line.split(':')[0])).toEqual([`${INPUTS}/malformed/not-json.json`, `${INPUTS}/malformed/wrong-shape.json`]);
    expect(fs.existsSync(path.dirname(output))).toBe(false);
  });

  it('an empty directory', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-empty-'));
    try {
      const result = cxunit(['check', empty]);
      expect(result.stderr).toBe(`${empty}: empty directory: run "npx cdktf synth" first, or give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON\n`);
      expect(result.status).toBe(2);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('no path, an unknown format, an unknown --fail-on', () => {
    for (const args of [['check'], ['check', compliant, '--format', 'xml'], ['check', compliant, '--fail-on', 'info']]) {
      const result = cxunit(args);
      expect(result.status).toBe(2);
      expect(result.stderr).not.toMatch(NO_TRACE);
    }
    expect(cxunit(['check', compliant, '--format', 'xml']).stderr).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, junit, github.");
  });

  it('an unwritable --output', () => {
    const blocker = path.join(work, 'a-file');
    fs.writeFileSync(blocker, '');
    const result = cxunit(['check', compliant, '--output', path.join(blocker, 'report.txt')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^cannot write ${escape(blocker)}/report\\.txt: .*: choose a writable path\n$`));
  });
});

describe('cxunit explain', () => {
  it('prints a rule\'s metadata', () => {
    const result = cxunit(['explain', 'network.exact-ports']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      'network.exact-ports: Firewall rules open exactly the documented flows',
      '',
      'pack: network',
      'severity: error',
      'suppressible: yes',
      'source: Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols; Voice connectivity; connection tables of 000, 001, 002, 004',
    ]);
    expect(result.stdout).toContain('\nwhy:\n  The connection tables of 000, 001, 002 and 004');
    expect(result.stdout).toContain('\nfix:\n  For an unexpected flow, remove the rule that opens it');
  });

  it('exits 2 on an unknown rule, listing the ids, and naming the nearest', () => {
    const ids = [...ALL_RULES.map((r) => r.id), 'cxunit.expired-suppression', 'cxunit.unsuppressible', 'cxunit.cannot-read', 'cxunit.partial-check'].join(', ');
    const result = cxunit(['explain', 'network.nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`unknown rule "network.nope": use one of ${ids}\n`);
    expect(cxunit(['explain', 'cxunit.cannot-raed'])).toMatchObject({ status: 2, stderr: `unknown rule "cxunit.cannot-raed" (did you mean "cxunit.cannot-read"?): use one of ${ids}\n` });
  });
});

describe('cxunit flows', () => {
  it('prints the flows the firewall opens to each node pool, as JSON', () => {
    const result = cxunit(['flows', withSsh, '--format', 'json']);
    expect(result.status).toBe(0);
    const [stack] = JSON.parse(result.stdout).stacks;
    expect(stack.stack).toBe('usw1');
    expect(stack.cannotCompute).toEqual([]);
    const general = stack.pools.find((p: { tags: string[] }) => p.tags.includes('usw1-general'));
    expect(general.flows).toEqual([
      { direction: 'INGRESS', protocol: 'tcp', ports: '22', peers: ['0.0.0.0/0'], openedBy: 'google_compute_firewall.ssh' },
      { direction: 'INGRESS', protocol: 'tcp', ports: '443', peers: ['0.0.0.0/0'], openedBy: expect.stringMatching(/^google_compute_firewall\.\S*internet-ingress\S*$/) },
      { direction: 'INGRESS', protocol: 'tcp', ports: '10256', peers: ['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22'], openedBy: expect.stringMatching(/health-check/) },
      { direction: 'EGRESS', protocol: 'all protocols', peers: ['0.0.0.0/0'], openedBy: 'implied-allow-egress' },
    ]);
  });

  it('prints them as text', () => {
    const result = cxunit(['flows', withSsh]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\n {4}INGRESS tcp 22 {17}from 0\.0\.0\.0\/0 {2}\[google_compute_firewall\.ssh\]\n/);
    expect(result.stdout.trim().split('\n').pop()).toBe('1 stack');
  });
});

describe('the command line reads Terraform JSON only', () => {
  it('loads no cdktf, constructs or provider module during a check', () => {
    const probe = path.join(work, 'probe.js');
    fs.writeFileSync(probe, [
      "process.on('exit', () => {",
      "  const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](cdktf|@cdktf|constructs)[\\\\/]/.test(file));",
      "  process.stderr.write(`loaded: ${loaded.length}${loaded.length ? ' ' + loaded.slice(0, 3).join(', ') : ''}\\n`);",
      "  process.stderr.write(`modules: ${Object.keys(require.cache).length}\\n`);",
      '});',
    ].join('\n'));
    const result = spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'bin/cxunit.js'), 'check', compliant, '--format', 'sarif'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^loaded: 0\nmodules: \d+\n$/);
  });
});
