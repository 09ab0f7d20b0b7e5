import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cxunit, ROOT } from '../helpers/cli';

/**
 * docs/unit-metadata.md tells teams how to declare a unit's boundaries in Terraform they write themselves.
 * Its example is test/fixtures/real-world/declared-boundaries (a module directory), checked here through the
 * real command line: the documented firewall passes network.*, and the same Terraform without the comment,
 * or without the health-check rule, does not.
 */
const FIXTURE = path.join(ROOT, 'test/fixtures/real-world/declared-boundaries');

function copyFixture(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-declared-'));
  for (const file of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, file), path.join(dir, file));
  change(dir);
  return dir;
}

interface TerraformJson {
  '//'?: unknown;
  resource: Record<string, Record<string, unknown>>;
}

function editJson(file: string, edit: (json: TerraformJson) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

describe('docs/unit-metadata.md', () => {
  it('shows exactly the metadata of its example fixture', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/unit-metadata.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)![1];
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'unit.tf.json'), 'utf8'));
    expect(JSON.parse(block)).toEqual(fixture['//']);
  });

  it('the example passes network.* as written', () => {
    const result = cxunit(['check', FIXTURE, '--rules', 'network.*']);
    expect([result.status, result.stdout.trim()]).toEqual([0, '1 stack, 3 rules: no findings']);
  });

  it('without the comment, exact-ports cannot tell the unit\'s flows: one cannot-verify error', () => {
    const dir = copyFixture((d) => editJson(path.join(d, 'unit.tf.json'), (json) => delete json['//']));
    try {
      const result = cxunit(['check', dir, '--rules', 'network.*', '--format', 'json']);
      const findings = JSON.parse(result.stdout).findings as Array<{ ruleId: string; address: string; cannotVerify?: boolean }>;
      expect([result.status, findings.map((f) => [f.ruleId, f.address, f.cannotVerify === true])]).toEqual([1, [['network.exact-ports', 'stack', true]]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without the health-check rule, the documented flow is missing', () => {
    const dir = copyFixture((d) => editJson(path.join(d, 'firewall.tf.json'), (json) => delete json.resource.google_compute_firewall.health_checks));
    try {
      const result = cxunit(['check', dir, '--rules', 'network.*', '--format', 'json']);
      const findings = JSON.parse(result.stdout).findings as Array<{ ruleId: string; message: string }>;
      expect(result.status).toBe(1);
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/^missing flow \(health-check\): INGRESS tcp 10256 from 35\.191\.0\.0\/16, 130\.211\.0\.0\/22, 209\.85\.152\.0\/22, 209\.85\.204\.0\/22 to google_container_node_pool\.general; no rule allows it/),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
