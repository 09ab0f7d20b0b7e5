import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluatePolicies, EvaluatedFinding, summarize } from '../../lib/policy/engine';
import { loadStacks } from '../../lib/policy/inputs';
import { ALL_RULES } from '../../policies';
import { ROOT } from '../helpers/cli';

/**
 * Every rule on Terraform shaped like public GKE configurations (test/fixtures/real-world/README.md). The
 * expected findings were written from the documents and docs/provider-defaults.md before the rules ran:
 * `rule address [cannot-verify]`, sorted, exact set.
 */

const DIR = 'test/fixtures/real-world';
const today = '2026-11-27';

function report(fixture: string) {
  return evaluatePolicies(loadStacks([`${DIR}/${fixture}`], { cwd: ROOT }), ALL_RULES, { today });
}

const line = (f: EvaluatedFinding) => `${f.ruleId} ${f.address}${f.cannotVerify ? ' [cannot-verify]' : ''}`;
const findings = (fixture: string) => report(fixture).findings.map(line).sort();
const find = (fixture: string, ruleId: string, address: string) => report(fixture).findings.filter((f) => f.ruleId === ruleId && f.address === address);

describe('real-world shapes', () => {
  it('a module directory of *.tf.json files is one stack: the firewall in one file protects the node pool of another, each finding in its file', () => {
    const { stacks, findings: found } = report('module-directory');
    expect(stacks).toEqual([{ stack: 'module-directory', file: `${DIR}/module-directory/firewall.tf.json` }]);
    expect(found.map((f) => `${line(f)} @ ${f.file.slice(`${DIR}/module-directory/`.length)}`).sort()).toEqual([
      // outputs.tf is HCL: cxunit cannot read it, so whatever it declares is reported once.
      'cxunit.cannot-read stack [cannot-verify] @ outputs.tf',
      'gke.filestore-csi google_container_cluster.usc1 @ gke.tf.json',
      'gke.no-gke-ingress google_container_cluster.usc1 @ gke.tf.json',
      'gke.node-pools google_container_node_pool.general @ gke.tf.json',
      // No real-time pool: reported where the node pools are declared.
      'gke.node-pools stack @ gke.tf.json',
      'network.exact-ports google_compute_firewall.ssh @ firewall.tf.json',
      'network.no-world-open google_compute_firewall.ssh @ firewall.tf.json',
    ]);
    // Read with gke.tf.json, the SSH rule reaches the node pool (read alone, it would reach "instances tagged usc1-general").
    expect(found.find((f) => f.ruleId === 'network.no-world-open')!.message).toMatch(/^tcp 22 on google_container_node_pool\.general is reachable from the whole internet/);
  });

  it('a module directory that declares a resource twice, or holds only HCL, is refused with the place and the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-module-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.tf.json'), '{ "resource": { "google_compute_network": { "units": { "name": "a" } } } }');
      fs.writeFileSync(path.join(dir, 'b.tf.json'), '{\n  "resource": {\n    "google_compute_network": { "units": { "name": "b" } }\n  }\n}');
      expect(() => loadStacks([dir], { cwd: dir })).toThrow(expect.objectContaining({
        diagnostics: [{ file: 'b.tf.json', line: 3, column: 42, path: 'resource.google_compute_network.units',
          message: 'google_compute_network.units is also declared in a.tf.json: Terraform refuses a module that declares a resource twice; rename or remove one' }],
      }));
      for (const file of ['a.tf.json', 'b.tf.json']) fs.rmSync(path.join(dir, file));
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "google_compute_network" "units" {}\n');
      expect(() => loadStacks([dir], { cwd: dir })).toThrow(expect.objectContaining({
        diagnostics: [expect.objectContaining({ message: 'a Terraform module in HCL (*.tf), which cxunit does not read: check its plan instead ("terraform show -json plan.bin > plan.json", then cxunit check plan.json)' })],
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('autopilot: reported as Autopilot and for GKE Ingress, not as routes-based or without Filestore (GKE pre-configures both)', () => {
    expect(findings('autopilot/main.tf.json')).toEqual([
      'gke.no-autopilot google_container_cluster.autopilot',
      'gke.no-gke-ingress google_container_cluster.autopilot',
      'gke.node-pools stack',
      'gke.node-pools stack',
    ]);
  });

  it('HCL converted to JSON (list bodies, "//" comments, nulls): read like objects; only the private nodes fail', () => {
    expect(findings('converted-hcl/main.tf.json')).toEqual(['gke.public-cluster google_container_cluster.primary']);
    expect(find('converted-hcl/main.tf.json', 'gke.public-cluster', 'google_container_cluster.primary')[0].path)
      .toBe('resource[0].google_container_cluster.primary[0].private_cluster_config[0].enable_private_nodes');
  });

  it('dynamic blocks and module calls: a dynamic block over a for_each known only at plan time is cannot-verify, each module is reported once naming what it may hide', () => {
    expect(findings('dynamic-and-modules/main.tf.json')).toEqual([
      'cxunit.cannot-read module.gke [cannot-verify]',
      'cxunit.cannot-read module.vpc [cannot-verify]',
      // database_encryption and private_cluster_config exist only if var.kms_key / var.private say so.
      'gke.no-cmek google_container_cluster.usw1 [cannot-verify]',
      'gke.node-pools stack',
      'gke.node-pools stack',
      'gke.public-cluster google_container_cluster.usw1 [cannot-verify]',
    ]);
    expect(find('dynamic-and-modules/main.tf.json', 'gke.no-cmek', 'google_container_cluster.usw1')[0].message)
      .toBe('cannot verify that secrets are not encrypted with a customer-managed key: database_encryption[0] is an unresolved reference (${var.kms_key != null ? [var.kms_key] : []})');
    expect(find('dynamic-and-modules/main.tf.json', 'cxunit.cannot-read', 'module.gke')[0].message).toContain('may hide a GKE cluster and its node pools');
  });

  it('count and for_each: literal ones expanded, the unknown count reported once, its SSH to the world reported beside it', () => {
    expect(findings('count-for-each/main.tf.json')).toEqual([
      'cxunit.cannot-read google_compute_firewall.debug_ssh [cannot-verify]',
      'network.exact-ports google_compute_firewall.debug_ssh',
      'network.exact-ports stack [cannot-verify]',
      'network.no-world-open google_compute_firewall.debug_ssh',
    ]);
    expect(find('count-for-each/main.tf.json', 'network.no-world-open', 'google_compute_firewall.debug_ssh')[0].message).toMatch(
      /^tcp 22 on google_container_node_pool\.pools\["general"\], google_container_node_pool\.pools\["realtime"\] is reachable from the whole internet/);
  });

  it('a Shared VPC host firewall without clusters: SSH, RDP, ICMP and every port to the world reported; unreadable EGRESS, deny and disabled rules are not', () => {
    expect(findings('shared-vpc-firewall/main.tf.json')).toEqual([
      'network.exact-ports google_compute_firewall.allow_icmp',
      'network.exact-ports google_compute_firewall.allow_rdp',
      'network.exact-ports google_compute_firewall.allow_ssh',
      'network.exact-ports google_compute_firewall.legacy_all_tcp',
      'network.exact-ports google_compute_firewall.partner_api [cannot-verify]',
      'network.exact-ports stack [cannot-verify]',
      'network.no-world-open google_compute_firewall.allow_icmp',
      'network.no-world-open google_compute_firewall.allow_rdp',
      'network.no-world-open google_compute_firewall.allow_ssh',
      'network.no-world-open google_compute_firewall.legacy_all_tcp',
      'network.no-world-open google_compute_firewall.legacy_all_tcp',
      'network.no-world-open google_compute_firewall.legacy_all_tcp',
      'network.no-world-open google_compute_firewall.partner_api [cannot-verify]',
    ]);
    const worldOpen = report('shared-vpc-firewall/main.tf.json').findings.filter((f) => f.ruleId === 'network.no-world-open' && !f.cannotVerify).map((f) => f.message.split(' is reachable')[0]).sort();
    expect(worldOpen).toEqual([
      'icmp on any instance on network shared-host, instances tagged legacy on network shared-host, instances tagged windows on network shared-host',
      'tcp 1-21 on instances tagged legacy on network shared-host',
      'tcp 22 on any instance on network shared-host, instances tagged legacy on network shared-host, instances tagged windows on network shared-host',
      'tcp 23-442 on instances tagged legacy on network shared-host',
      'tcp 3389 on instances tagged windows on network shared-host',
      'tcp 444-65535 on instances tagged legacy on network shared-host',
    ]);
  });

  it('a compliant GKE plan with child modules, computed attributes and a resource being deleted passes with no suppression, saying once what it could not check', () => {
    const result = report('gke-plan/plan.json');
    expect(result.findings.map(line)).toEqual(['cxunit.partial-check stack']);
    expect(result.findings[0].severity).toBe('warning');
    expect(summarize(result).errors).toBe(0);
  });

  it('a plan whose configuration sets values to something computed: the zones cannot be verified, the KMS key is a key', () => {
    expect(findings('gke-plan-computed/plan.json')).toEqual([
      'cxunit.partial-check stack',
      'gke.no-cmek module.unit.google_container_cluster.this',
      'gke.regional module.unit.google_container_cluster.this [cannot-verify]',
    ]);
  });
});
