import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stackFromCdktfJson } from '../../lib/policy/cdktf-json';
import { synthesizeWithPolicies } from '../../lib/testing/policy';
import { synthesizeAksUnit, TerraformJson } from '../../lib/testing/synth';
import { ALL_RULES } from '../../policies';
import { cxunit } from '../helpers/cli';
import { AKS_PRIMARY } from './example-props';

/**
 * Issue 10's ways of breaking an AKS unit, all at once on a synthesized AksUnit, reported with their rule
 * ids the three ways the rules run: in Jest (the rules themselves), at synth (the policy Aspect) and by
 * `cxunit check` in a subprocess. Each rule's own tests pin the messages; this pins the reach.
 */
const EXPECTED_RULES = [
  'aks.csi-drivers', 'aks.kubernetes-version', 'aks.no-network-policy', 'aks.no-service-mesh-addon', 'aks.node-pools',
  'aks.pod-networking', 'aks.realtime-drain', 'aks.single-cluster', 'aks.zones',
  'kubernetes.storage-classes', 'network.exact-ports', 'network.no-world-open',
];

function broken(): TerraformJson {
  const json = synthesizeAksUnit({ ...AKS_PRIMARY, peerUnits: [] });
  const byName = (type: string, name: string) => Object.values(json.resource[type] as Record<string, TerraformJson>).find((r) => r.name === name || r.metadata?.name === name)!;
  const cluster = byName('azurerm_kubernetes_cluster', 'weu1-aks');
  Object.assign(cluster.network_profile, { network_plugin: 'kubenet', network_policy: 'calico' });
  cluster.kubernetes_version = '1.24';
  cluster.service_mesh_profile = { mode: 'Istio', revisions: ['asm-1-25'] };
  cluster.storage_profile.file_driver_enabled = false;
  cluster.default_node_pool.vm_size = 'Standard_E8s_v5';
  const realtime = byName('azurerm_kubernetes_cluster_node_pool', 'realtime');
  realtime.upgrade_settings.drain_timeout_in_minutes = 30;
  realtime.os_disk_type = 'Ephemeral';
  byName('azurerm_kubernetes_cluster_node_pool', 'thirdparty').zones = ['1'];
  json.resource.azurerm_kubernetes_cluster.second = { ...structuredClone(cluster), name: 'weu1-second', '//': undefined };
  byName('kubernetes_storage_class_v1', 'files-standard-redundant').parameters.skuName = 'Premium_LRS';
  byName('azurerm_network_security_group', 'weu1-general-nsg').security_rule.push({
    name: 'ssh', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '22',
    source_address_prefix: 'Internet', destination_address_prefix: '*', description: null, source_port_ranges: null, destination_port_ranges: null,
    source_address_prefixes: null, destination_address_prefixes: null, source_application_security_group_ids: null, destination_application_security_group_ids: null,
  });
  return json;
}

let json: TerraformJson;
let work: string;
beforeAll(() => {
  json = broken();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-aks-'));
  fs.mkdirSync(path.join(work, 'weu1'));
  fs.writeFileSync(path.join(work, 'weu1', 'cdk.tf.json'), JSON.stringify(json));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a broken AKS unit', () => {
  it('is reported by every rule concerned, in Jest', () => {
    const stack = stackFromCdktfJson(json, 'weu1/cdk.tf.json', 'weu1');
    const ids = ALL_RULES.filter((rule) => rule.evaluate(stack).length > 0).map((rule) => rule.id);
    expect(ids.sort()).toEqual(EXPECTED_RULES);
  });

  it('fails synth, each error naming its rule (the warning rule is not an error)', () => {
    const result = synthesizeWithPolicies({ name: 'weu1', metadata: json['//'].cxunit, resources: json.resource });
    expect(result.json).toBeUndefined();
    const ids = new Set(result.errors.map((e) => /\] \[([a-z.-]+)\]/.exec(e)?.[1]));
    expect([...ids].sort()).toEqual(EXPECTED_RULES.filter((id) => id !== 'aks.no-network-policy'));
  });

  it('fails cxunit check (exit 1) with a finding of each rule', () => {
    const result = cxunit(['check', path.join(work, 'weu1'), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings;
    expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual(EXPECTED_RULES);
    expect([...new Set(findings.filter((f) => f.ruleId === 'aks.no-network-policy').map((f) => f.severity))]).toEqual(['warning']);
  });
});
