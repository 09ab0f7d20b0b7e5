import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReportingDescriptor } from 'sarif';
import { pathToFileURL } from 'url';
import { EvaluatedFinding, PolicyReport } from '../../lib/policy/engine';
import { SourceLocator } from '../../lib/policy/locations';
import { sarifReport } from '../../lib/policy/reporters/sarif';
import { cxunit, ROOT } from '../helpers/cli';
import { withWorldOpenSsh, writeStack } from '../helpers/stacks';

/**
 * Findings a reviewer can act on: the construct that made the resource and the user's line that created
 * it, in every format; SARIF at that line, with helpUri, security-severity and fingerprints that survive a
 * reworded message. The unit is synthesized the way `cdktf synth` runs an app (a subprocess under tsx, from
 * the repository root); the marked line of that app is the oracle.
 */

const APP = 'test/fixtures/apps/one-unit.ts';
const MARKER = '// <- the unit is created here';

/** Line and column of the `synthesizeGkeUnit(` call on the app's marked line, read from its text. */
function markedSite(): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(ROOT, APP), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(MARKER) && l.includes('synthesizeGkeUnit('));
  return { line: index + 1, column: lines[index].indexOf('synthesizeGkeUnit(') + 1 };
}

let work: string;
let stackDir: string;
let cluster: string;
let site: { line: number; column: number };

beforeAll(() => {
  site = markedSite();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-origin-'));
  const synthesized = path.join(work, 'synthesized.json');
  const app = spawnSync(process.execPath, ['--require', 'tsx/cjs', APP, synthesized], { cwd: ROOT, encoding: 'utf8' });
  if (app.status !== 0) throw new Error(`the app failed: ${app.stderr}`);
  const unit = withWorldOpenSsh(JSON.parse(fs.readFileSync(synthesized, 'utf8')));
  cluster = Object.keys(unit.resource.google_container_cluster)[0];
  // an escape hatch on the unit's cluster (003 "GKE > Not supported": Autopilot), and a firewall rule of the user's own
  unit.resource.google_container_cluster[cluster].enable_autopilot = true;
  stackDir = writeStack(path.join(work, 'usw1'), unit);
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function check(format: string) {
  return cxunit(['check', stackDir, '--format', format]);
}

describe('where a finding comes from', () => {
  it('json: the construct path from "//".metadata.path and the line that created the unit', () => {
    const findings = JSON.parse(check('json').stdout).findings as Array<Record<string, unknown>>;
    expect(findings.map((f) => [f.ruleId, f.address, f.constructPath, f.source])).toEqual([
      ['gke.no-autopilot', `google_container_cluster.${cluster}`, 'usw1/unit/cluster/cluster', { file: APP, ...site }],
      // the user's own firewall rule was not made by the unit: no construct, no source line
      ['network.exact-ports', 'google_compute_firewall.ssh', undefined, undefined],
      ['network.no-world-open', 'google_compute_firewall.ssh', undefined, undefined],
    ]);
  });

  it('text and junit name the construct and the line', () => {
    const origin = `construct usw1/unit/cluster/cluster, created at ${APP}:${site.line}:${site.column}`;
    const text = check('text').stdout.split('\n');
    expect(text[0]).toMatch(new RegExp(`: error gke\\.no-autopilot \\[usw1\\] google_container_cluster\\.${cluster}: `));
    expect(text[1]).toBe(`    ${origin}`);
    expect(text[2]).toBe('    reference: Setting up Genesys Multicloud CX Private Edition, GKE > Not supported');
    expect(check('junit').stdout).toContain(`[Setting up Genesys Multicloud CX Private Edition, GKE &gt; Not supported] (${origin})`);
  });

  it('github: the annotation sits on the user\'s line, the cdk.tf.json is named in the message', () => {
    const lines = check('github').stdout.split('\n');
    expect(lines[0].startsWith(`::error file=${APP},line=${site.line},col=${site.column},title=gke.no-autopilot (usw1 google_container_cluster.${cluster})::`)).toBe(true);
    expect(lines[0]).toMatch(new RegExp(`%0Aconstruct usw1/unit/cluster/cluster, created at ${APP}:${site.line}:${site.column}%0Ain ${stackDir}/cdk\\.tf\\.json:\\d+:\\d+%0Areference: Setting up Genesys Multicloud CX Private Edition, GKE > Not supported$`));
    expect(lines[1].startsWith(`::error file=${path.join(stackDir, 'cdk.tf.json')},line=`)).toBe(true);
  });

  it('sarif: located at the user\'s line, the Terraform JSON a related location', () => {
    const log = JSON.parse(check('sarif').stdout);
    const [autopilot, exactPorts] = log.runs[0].results;
    expect(autopilot.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: APP, uriBaseId: '%SRCROOT%' }, region: { startLine: site.line, startColumn: site.column } },
      logicalLocations: [
        { name: `google_container_cluster.${cluster}`, fullyQualifiedName: `usw1/google_container_cluster.${cluster}`, kind: 'resource' },
        { name: 'cluster', fullyQualifiedName: 'usw1/unit/cluster/cluster', kind: 'object' },
      ],
    }]);
    const lines = fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8').split('\n');
    const [related] = autopilot.relatedLocations;
    expect(related.physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(path.join(stackDir, 'cdk.tf.json')).href });
    expect(lines[related.physicalLocation.region.startLine - 1].trim()).toBe('"enable_autopilot": true,');
    // without a recorded site the result stays at the cdk.tf.json
    expect(exactPorts.locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(path.join(stackDir, 'cdk.tf.json')).href });
    expect(exactPorts.relatedLocations).toBeUndefined();
  });
});

describe('SARIF rule metadata', () => {
  let rules: ReportingDescriptor[];
  beforeAll(() => {
    rules = JSON.parse(check('sarif').stdout).runs[0].tool.driver.rules;
  });

  it('links every rule to its section of docs/policies.md in the repository', () => {
    const autopilot = rules.find((r) => r.id === 'gke.no-autopilot')!;
    // GitHub's heading anchor for "### gke.no-autopilot" drops the dot
    expect(autopilot.helpUri).toBe('https://github.com/cxunit/cxunit/blob/main/docs/policies.md#gkeno-autopilot');
    const doc = fs.readFileSync(path.join(ROOT, 'docs/policies.md'), 'utf8');
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/cxunit\/cxunit\/blob\/main\/docs\/policies\.md#[a-z0-9-]+$/);
      expect(doc).toContain(`\n### ${rule.id}\n`);
    }
  });

  it('ranks errors high and warnings medium for code scanning, and tags them', () => {
    const byId = new Map(rules.map((r) => [r.id, r.properties]));
    expect(byId.get('gke.no-autopilot')).toMatchObject({ 'security-severity': '8.0', tags: ['cxunit', 'gke', 'security'] });
    expect(byId.get('gke.cos-containerd')).toMatchObject({ 'security-severity': '5.0', tags: ['cxunit', 'gke', 'security'] });
    expect(byId.get('cxunit.expired-suppression')).toMatchObject({ 'security-severity': '8.0', tags: ['cxunit', 'engine'] });
  });

  it('names documents by title in the help, and keeps the file name in the properties', () => {
    const autopilot = rules.find((r) => r.id === 'gke.no-autopilot')!;
    expect(autopilot.help!.text).toContain('Source: Setting up Genesys Multicloud CX Private Edition, GKE > Not supported.');
    expect(autopilot.help!.text).not.toContain('003_74d96401c83dc4a0.txt');
    expect(autopilot.properties!.document).toEqual({ file: '003_74d96401c83dc4a0.txt', title: 'Setting up Genesys Multicloud CX Private Edition', section: 'GKE > Not supported' });
  });
});

describe('SARIF fingerprints', () => {
  const finding: EvaluatedFinding = {
    ruleId: 'network.no-world-open', severity: 'error', stack: 'usw1', file: 'cdktf.out/stacks/usw1/cdk.tf.json',
    address: 'google_compute_firewall.ssh', path: 'resource.google_compute_firewall.ssh.allow[0]',
    message: 'tcp 22 is reachable from the whole internet', reference: 'Setting up Genesys Multicloud CX Private Edition, Network access types > Ingress', suppressed: false,
  };
  const fingerprintOf = (f: EvaluatedFinding) => {
    const report: PolicyReport = { stacks: [{ stack: 'usw1', file: f.file }], rules: [], findings: [f] };
    return JSON.parse(sarifReport({ report, failOn: 'error', locator: new SourceLocator(work), cwd: work })).runs[0].results[0].partialFingerprints;
  };

  it('stay the same when the message is reworded', () => {
    expect(fingerprintOf({ ...finding, message: 'port 22/tcp is open to 0.0.0.0/0: restrict source_ranges' })).toEqual(fingerprintOf(finding));
  });

  it('change with the rule, the stack, the resource or the JSON path', () => {
    const base = fingerprintOf(finding)['cxunit/v2'];
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    for (const change of [{ ruleId: 'network.exact-ports' }, { stack: 'euw1' }, { address: 'google_compute_firewall.rdp' }, { path: 'resource.google_compute_firewall.ssh.allow[1]' }]) {
      expect(fingerprintOf({ ...finding, ...change })['cxunit/v2']).not.toBe(base);
    }
  });
});
