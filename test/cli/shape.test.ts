import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReportingDescriptor } from 'sarif';
import { synthesizeGkeUnit } from '../../lib/testing/synth';
import { ALL_RULES } from '../../policies';
import { PRIMARY } from '../gke/example-props';
import { cxunit, ROOT } from '../helpers/cli';
import { withWorldOpenSsh, writeStack } from '../helpers/stacks';

/**
 * The command line a team shapes: --version, `cxunit rules`, and `check` with --rules / --skip-rules /
 * --stack / --catalog / --rules-module, through the real compiled `cxunit`.
 */

const MODULES = 'test/fixtures/rules-modules';
const BUILT_IN_IDS = ALL_RULES.map((r) => r.id);
const ENGINE_IDS = ['cxunit.expired-suppression', 'cxunit.unsuppressible', 'cxunit.cannot-read', 'cxunit.partial-check'];

let work: string;
let out: string;
let unitStack: string;
let sshStack: string;

function json(stdout: string) {
  return JSON.parse(stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown>; rules: Array<Record<string, unknown>> };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-shape-'));
  const unit = synthesizeGkeUnit(PRIMARY);
  out = path.join(work, 'cdktf.out');
  unitStack = writeStack(path.join(out, 'stacks', 'usw1'), unit);
  // A platform repo's other stack, which no cxunit construct builds: the state bucket and an SSH bastion open to the internet.
  writeStack(path.join(out, 'stacks', 'ops'), { resource: {
    google_storage_bucket: { tfstate: { name: 'acme-cx-tfstate', location: 'US' } },
    google_compute_instance: { bastion: { name: 'bastion', machine_type: 'e2-small', zone: 'us-west1-a', tags: ['bastion'], network_interface: [{ network: 'ops' }], boot_disk: [{ initialize_params: [{ image: 'debian-cloud/debian-12' }] }] } },
    google_compute_firewall: { bastion_ssh: { name: 'bastion-ssh', network: 'ops', allow: [{ protocol: 'tcp', ports: ['22'] }], source_ranges: ['0.0.0.0/0'], target_tags: ['bastion'] } },
  } });
  sshStack = writeStack(path.join(work, 'ssh', 'usw1'), withWorldOpenSsh(unit));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('cxunit --version', () => {
  it('prints the version of package.json', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = cxunit([flag]);
      expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('cxunit rules', () => {
  it('lists every rule, then the engine checks, as a table', () => {
    const result = cxunit(['rules']);
    expect(result.status).toBe(0);
    const rows = result.stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    expect(rows[0]).toEqual(['id', 'pack', 'severity', 'suppressible', 'title']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...BUILT_IN_IDS, ...ENGINE_IDS]);
    // 003 "GKE > Not supported" (Autopilot): an error that cannot be suppressed; "Notes on what is supported" (COS): a warning
    expect(rows).toContainEqual(['gke.no-autopilot', 'gke', 'error', 'no', 'GKE clusters run in Standard mode, not Autopilot']);
    expect(rows).toContainEqual(['gke.cos-containerd', 'gke', 'warning', 'yes', 'Nodes run Container-Optimized OS with containerd']);
    expect(rows).toContainEqual(['cxunit.unsuppressible', 'engine', 'warning', 'no', 'Unsupported features cannot be suppressed']);
  });

  it('as JSON, with the custom rules of --rules-module', () => {
    const result = cxunit(['rules', '--format', 'json', '--rules-module', `${MODULES}/acme-rules.js`]);
    expect(result.status).toBe(0);
    const rules = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rules.map((r) => r.id)).toEqual([...BUILT_IN_IDS, 'acme.team-label', 'acme.priority-class-count', ...ENGINE_IDS]);
    expect(rules[0]).toEqual({ id: 'gke.no-autopilot', pack: 'gke', severity: 'error', suppressible: false, title: 'GKE clusters run in Standard mode, not Autopilot' });
    expect(rules[BUILT_IN_IDS.length]).toEqual({ id: 'acme.team-label', pack: 'acme', severity: 'error', suppressible: true, title: 'Clusters carry a team label' });
  });

  it('exits 2 on an unknown --format', () => {
    const result = cxunit(['rules', '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.");
  });
});

describe('cxunit check: choosing rules and stacks', () => {
  it('fails a cdktf.out whose ops stack opens SSH to the internet, until --stack picks the unit', () => {
    const all = cxunit(['check', out, '--format', 'json']);
    expect(all.status).toBe(1);
    // no document lists SSH, and only HTTPS may face the internet
    expect(json(all.stdout).findings.map((f) => [f.stack, f.ruleId, f.address])).toEqual([
      ['ops', 'network.exact-ports', 'google_compute_firewall.bastion_ssh'],
      ['ops', 'network.no-world-open', 'google_compute_firewall.bastion_ssh'],
    ]);
    const unit = cxunit(['check', out, '--stack', 'usw1', '--format', 'json']);
    expect(unit.status).toBe(0);
    expect(json(unit.stdout).summary).toMatchObject({ stacks: 1, stackNames: ['usw1'], errors: 0 });
  });

  it('--rules runs only the rules a glob or id names', () => {
    const gke = cxunit(['check', sshStack, '--rules', 'gke.*']);
    expect(gke.status).toBe(0);
    expect(gke.stdout).toBe(`1 stack, ${BUILT_IN_IDS.filter((id) => id.startsWith('gke.')).length} rules: no findings\n`);
    const one = cxunit(['check', sshStack, '--rules', 'network.no-world-open', '--format', 'json']);
    expect(one.status).toBe(1);
    expect(json(one.stdout).findings.map((f) => [f.ruleId, f.address])).toEqual([['network.no-world-open', 'google_compute_firewall.ssh']]);
  });

  it('--skip-rules leaves out what it names, after --rules', () => {
    const result = cxunit(['check', sshStack, '--skip-rules', 'network.exact-ports', '--format', 'json']);
    expect(json(result.stdout).findings.map((f) => f.ruleId)).toEqual(['network.no-world-open']);
    expect(json(result.stdout).summary.rules).toBe(BUILT_IN_IDS.length - 1);
    const both = cxunit(['check', sshStack, '--rules', 'network.exact-ports,network.no-world-open', '--skip-rules', '*.no-world-open', '--format', 'json']);
    expect(json(both.stdout).summary.rules).toBe(1);
    expect(json(both.stdout).findings.map((f) => f.ruleId)).toEqual(['network.exact-ports']);
  });

  const ids = `${BUILT_IN_IDS.join(', ')} ("cxunit rules" lists them)`;
  const usage: Array<[string, string[], string]> = [
    ['an unknown rule id', ['--rules', 'gke.no-autopilot,gke.autopilot'], `--rules: "gke.autopilot" is not a rule id (did you mean "gke.no-autopilot"?): use ids or globs of ${ids}\n`],
    ['a glob that matches nothing', ['--skip-rules', 'acme.*'], `--skip-rules: "acme.*" matches no rule: use ids or globs of ${ids}\n`],
    ['an empty --rules', ['--rules', ','], '--rules: give at least one rule id or glob, e.g. --rules "gke.*"\n'],
    ['skipping every selected rule', ['--rules', 'network.*', '--skip-rules', 'network.*'], 'no rule left to run: --skip-rules removes every rule that --rules selects\n'],
    ['an unknown stack', ['--stack', 'usw1,euw9'], '--stack: "euw9" is not a stack of the input: use one of ops, usw1\n'],
    ['a rule id without its pack', ['--skip-rules', 'exact-ports'], `--skip-rules: "exact-ports" is not a rule id (did you mean "network.exact-ports"?): use ids or globs of ${ids}\n`],
    ['a misspelt stack', ['--stack', 'usw2'], '--stack: "usw2" is not a stack of the input (did you mean "usw1"?): use one of ops, usw1\n'],
  ];
  it.each(usage)('exits 2 on %s', (_name, args, stderr) => {
    const result = cxunit(['check', out, ...args]);
    expect(result).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe('cxunit check --catalog', () => {
  it('checks against the overridden catalog', () => {
    // An override that documents another value for the medium priority class than 003's 100,000.
    const dir = path.join(work, 'catalog-override');
    fs.mkdirSync(dir);
    const priorities = fs.readFileSync(path.join(ROOT, 'lib/architecture/data/priorities.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'priorities.yaml'), priorities.replace(/^ {4}value: 100000$/m, '    value: 200000'));
    expect(cxunit(['validate-catalog', dir]).status).toBe(0);
    expect(cxunit(['check', unitStack]).status).toBe(0);
    const result = cxunit(['check', unitStack, '--catalog', dir, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(json(result.stdout).findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['kubernetes.priority-classes', 'priority class "genesysengage-medium-priority" has value 100000: the documented value is 200000'],
    ]);
  });

  it('exits 2 on an invalid catalog, with the diagnostics validate-catalog prints', () => {
    const dir = 'test/fixtures/catalog/port-70000';
    const validate = cxunit(['validate-catalog', dir]);
    expect(validate.status).toBe(2);
    const result = cxunit(['check', unitStack, '--catalog', dir]);
    expect(result).toEqual({ status: 2, stdout: '', stderr: validate.stderr });
  });
});

describe('cxunit check --rules-module', () => {
  it('runs a team\'s rules beside the built-in ones, with the catalog in their context', () => {
    const result = cxunit(['check', unitStack, '--rules-module', `${MODULES}/acme-rules.js`, '--format', 'json']);
    expect(result.status).toBe(1);
    const report = json(result.stdout);
    expect(report.summary.rules).toBe(BUILT_IN_IDS.length + 2);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.path, f.message, f.reference])).toEqual([[
      'acme.team-label', 'error', 'resource.google_container_cluster.unit_cluster_BA637D3C.resource_labels',
      'the cluster has no "team" resource label: add resource_labels.team', 'Acme platform handbook, Cost allocation',
    ]]);
    // acme.priority-class-count compares with context.catalog: the unit declares 003's 4 classes, a catalog without "low" has 3
    const fewer = path.join(work, 'fewer-classes');
    fs.mkdirSync(fewer);
    const priorities = fs.readFileSync(path.join(ROOT, 'lib/architecture/data/priorities.yaml'), 'utf8');
    fs.writeFileSync(path.join(fewer, 'priorities.yaml'), priorities.replace(/ {2}- level: low\n[\s\S]*?(?=^services:)/m, ''));
    const withCatalog = cxunit(['check', unitStack, '--rules-module', `${MODULES}/acme-rules.js`, '--rules', 'acme.*', '--catalog', fewer, '--format', 'json']);
    expect(json(withCatalog.stdout).findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['acme.team-label', 'error', 'the cluster has no "team" resource label: add resource_labels.team'],
      ['acme.priority-class-count', 'warning', '4 priority classes are declared; the catalog has 3'],
    ]);
  });

  it('reports custom rules like built-in ones: text, junit and SARIF', () => {
    const args = ['check', unitStack, '--rules-module', `${MODULES}/acme-rules.js`];
    const text = cxunit(args).stdout.split('\n');
    expect(text[0]).toMatch(/^\S+cdk\.tf\.json:\d+:\d+: error acme\.team-label \[usw1\] google_container_cluster\.unit_cluster_BA637D3C: the cluster has no "team" resource label: add resource_labels\.team$/);
    expect(text).toContain('    reference: Acme platform handbook, Cost allocation');
    const junit = cxunit([...args, '--format', 'junit']).stdout;
    expect(junit).toContain('<testcase classname="usw1" name="acme.team-label: Clusters carry a team label"');
    expect(junit).toContain('<testcase classname="usw1" name="acme.priority-class-count: The stack declares as many priority classes as the catalog has"');
    expect(junit).toMatch(/<failure type="error" message="1 finding: the cluster has no &quot;team&quot; resource label/);
    const sarif = JSON.parse(cxunit([...args, '--format', 'sarif']).stdout);
    const rules = sarif.runs[0].tool.driver.rules as ReportingDescriptor[];
    const teamLabel = rules.find((r) => r.id === 'acme.team-label')!;
    expect(teamLabel.helpUri).toBe('https://handbook.acme.example/platform/cost-allocation');
    expect(teamLabel.properties).toMatchObject({ tags: ['cxunit', 'acme', 'security'], 'security-severity': '8.0', pack: 'acme', document: { file: 'Acme platform handbook', title: 'Acme platform handbook', section: 'Cost allocation' } });
    // a custom rule without helpUri gets none (docs/policies.md does not document it)
    expect(rules.find((r) => r.id === 'acme.priority-class-count')!.helpUri).toBeUndefined();
    expect(sarif.runs[0].results.map((r: { ruleId: string; ruleIndex: number }) => [r.ruleId, rules[r.ruleIndex].id])).toEqual([['acme.team-label', 'acme.team-label']]);
  });

  it('loads a TypeScript module through tsx', () => {
    const abac = path.join(work, 'abac', 'usw1');
    const document = JSON.parse(fs.readFileSync(path.join(unitStack, 'cdk.tf.json'), 'utf8'));
    document.resource.google_container_cluster.unit_cluster_BA637D3C.enable_legacy_abac = true;
    writeStack(abac, document);
    const result = cxunit(['check', abac, '--rules-module', `${MODULES}/acme-rules.ts`, '--rules', 'acme.*', '--format', 'json']);
    expect(result.status).toBe(1);
    expect(json(result.stdout).findings.map((f) => [f.ruleId, f.message])).toEqual([['acme.no-legacy-abac', 'legacy ABAC is on: turn it off']]);
  });

  it('explains a custom rule', () => {
    const result = cxunit(['explain', 'acme.team-label', '--rules-module', `${MODULES}/acme-rules.js`]);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      'acme.team-label: Clusters carry a team label', '', 'pack: acme', 'severity: error', 'suppressible: yes', 'source: Acme platform handbook, Cost allocation',
    ]);
  });

  const invalid: Array<[string, string[], string]> = [
    ['a module that exports no rules', ['no-rules.js'],
      `${MODULES}/no-rules.js: exports no rules: export an array of rules as \`rules\`, e.g. exports.rules = [{ id: "acme.labels", pack: "acme", title, severity: "error" | "warning", rationale, reference: { document, section }, remediation, suppressible: true, evaluate(stack, context) { return []; } }]\n`],
    ['rules missing metadata, a bad severity, a notApplicable that is not a function', ['incomplete.js'],
      `${MODULES}/incomplete.js: rules[0] (acme.half): is missing rationale, reference, remediation, suppressible, evaluate: every rule needs id, pack, title, severity, rationale, reference, remediation, suppressible and evaluate\n`
      + `${MODULES}/incomplete.js: rules[1] (acme.fatal).severity: "fatal" is not a severity: use "error" or "warning"\n`
      + `${MODULES}/incomplete.js: rules[2] (acme.always).notApplicable: must be a function (stack) returning why the rule does not apply to it, or undefined\n`],
    ['ids that collide with a built-in rule and with another module\'s rule', ['acme-rules.js', 'collides.js'],
      `${MODULES}/collides.js: rules[0] (gke.no-autopilot).pack: "gke" is not a pack of your own: use one lowercase word other than gke, aks, network, kubernetes, engine, cxunit, e.g. "acme"\n`
      + `${MODULES}/collides.js: rules[0] (gke.no-autopilot).id: "gke.no-autopilot" is the id of a built-in rule: give the rule an id in your own pack, e.g. "acme.no-autopilot"\n`
      + `${MODULES}/collides.js: rules[1] (acme.team-label).id: "acme.team-label" is already the id of rules[0] in ${MODULES}/acme-rules.js: give each rule an id of its own\n`],
    ['a module that throws when loaded', ['throws.js'],
      `${MODULES}/throws.js: cannot load the rules module (ACME_TEAM is not set): fix the error it throws when loaded\n`],
    ['a missing module', ['missing.js'],
      `${MODULES}/missing.js: no such file: check the path of the rules module (a JavaScript file that exports \`rules\`)\n`],
  ];
  it.each(invalid)('exits 2 on %s, naming the file and the fix', (_name, modules, stderr) => {
    const result = cxunit(['check', unitStack, ...modules.flatMap((m) => ['--rules-module', `${MODULES}/${m}`])]);
    expect(result).toEqual({ status: 2, stdout: '', stderr });
  });
});
