import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { documentedFlows } from '../../lib/network/documented-flows';
import { Catalog } from '../../lib/architecture/catalog';
import { resourcesOf, synthesizeUnitsApp, TerraformJson } from '../../lib/testing/synth';
import { ROOT } from '../helpers/cli';

/** Runs the real, compiled app (`cdktf synth` runs `node dist/stacks/main.js`) with a units file and an output directory. */
function runApp(unitsFile: string | undefined, outdir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  if (unitsFile === undefined) delete env.CXUNIT_UNITS;
  else env.CXUNIT_UNITS = unitsFile;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/stacks/main.js')], { cwd: ROOT, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runAppAsync(unitsFile: string, outdir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/stacks/main.js')], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, CXUNIT_UNITS: unitsFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-app-'));
}

describe('the app from stacks/units.yaml', () => {
  let stacks: Record<string, TerraformJson>;
  beforeAll(() => {
    stacks = synthesizeUnitsApp({ unitsFile: path.join(ROOT, 'stacks/units.yaml') });
  });

  it('makes one stack per unit', () => {
    expect(Object.keys(stacks)).toEqual(['neu1', 'use1', 'usw1', 'weu1']);
  });

  it('configures the google provider for the unit\'s project and region, and a local backend', () => {
    expect(stacks.usw1.provider.google).toEqual([{ project: 'acme-cx-usw1', region: 'us-west1' }]);
    expect(stacks.use1.provider.google).toEqual([{ project: 'acme-cx-use1', region: 'us-east1' }]);
    expect(stacks.usw1.terraform.backend).toEqual({ local: { path: 'terraform.usw1.tfstate' } });
    expect(Object.keys(stacks.usw1.provider).sort()).toEqual(['google', 'kubernetes']);
  });

  it('outputs the cluster name, endpoint, ingress IP and the ingress source ranges for the Helm values', () => {
    expect(stacks.usw1.output.ingress_source_ranges.value).toEqual(['0.0.0.0/0']);
    expect(stacks.use1.output.ingress_source_ranges.value).toEqual(['203.0.113.0/24']);
    for (const json of [stacks.usw1, stacks.use1]) {
      expect(Object.keys(json.output).sort()).toEqual(['cluster_endpoint', 'cluster_name', 'ingress_ip', 'ingress_source_ranges']);
      expect(json.output.cluster_name.value).toMatch(/^\$\{google_container_cluster\.[\w-]+\.name\}$/);
      expect(json.output.cluster_endpoint.value).toMatch(/^\$\{google_container_cluster\.[\w-]+\.endpoint\}$/);
      expect(json.output.ingress_ip.value).toMatch(/^\$\{google_compute_address\.[\w-]+\.address\}$/);
    }
  });

  it('makes the units peers of each other: ranges and SBCs', () => {
    // use1's stores run in its data subnet: usw1 reaches its Redis there (002 connection 22).
    expect(stacks.usw1['//'].cxunit.boundaries.crossRegion).toEqual({ peerRanges: ['10.20.0.0/20', '10.22.0.0/16'], peerSbcRanges: ['198.51.100.0/24'], peerDataStoreRanges: ['10.20.32.0/24'], peerNetworks: ['projects/acme-cx-use1/global/networks/use1-vpc'] });
    expect(stacks.use1['//'].cxunit.boundaries.crossRegion).toEqual({ peerRanges: ['10.10.0.0/20', '10.12.0.0/16'], peerSbcRanges: ['192.0.2.0/24'], peerNetworks: ['projects/acme-cx-usw1/global/networks/usw1-vpc'] });
    // 003 "Unit groups": each stack creates its side of the peering to the other unit's network.
    const peering = (json: typeof stacks.usw1) => Object.values(resourcesOf(json, 'google_compute_network_peering')).map((p) => [p.name, p.network, p.peer_network, p.import_custom_routes, p.export_custom_routes]);
    expect(peering(stacks.usw1)).toEqual([['usw1-to-use1', expect.stringMatching(/^\$\{google_compute_network\.[\w-]+\.self_link\}$/), 'projects/acme-cx-use1/global/networks/use1-vpc', false, false]]);
    expect(peering(stacks.use1)).toEqual([['use1-to-usw1', expect.stringMatching(/^\$\{google_compute_network\.[\w-]+\.self_link\}$/), 'projects/acme-cx-usw1/global/networks/usw1-vpc', false, false]]);
  });

  it('builds each unit from its entry: roles, pools, placement, lockdown, service groups', () => {
    const cluster = (json: TerraformJson) => Object.values(resourcesOf(json, 'google_container_cluster'))[0];
    expect(cluster(stacks.usw1).resource_labels).toEqual({ 'cxunit-unit': 'usw1', 'cxunit-role': 'primary' });
    expect(cluster(stacks.use1).resource_labels).toEqual({ 'cxunit-unit': 'use1', 'cxunit-role': 'secondary' });
    expect(Object.values(resourcesOf(stacks.usw1, 'google_container_node_pool')).map((p) => p.name).sort()).toEqual(['general', 'realtime', 'third-party']);
    expect(Object.values(resourcesOf(stacks.use1, 'google_container_node_pool')).map((p) => p.name).sort()).toEqual(['general', 'realtime']);
    expect(stacks.usw1['//'].cxunit.boundaries.dataStores).toEqual({ placement: 'in-cluster' });
    expect(stacks.use1['//'].cxunit.boundaries.dataStores).toEqual({ placement: 'subnet', cidr: '10.20.32.0/24', stores: ['redis', 'kafka', 'postgres', 'mssql'], inCluster: ['consul'] });
    expect(stacks.use1['//'].cxunit.boundaries.egressLockdown).toBe(true);
    expect(stacks.use1['//'].cxunit.serviceGroups).toEqual(['voice', 'voice-tenants', 'voice-legacy', 'gvp', 'webrtc']);
    expect(stacks.usw1['//'].cxunit.serviceGroups).toHaveLength(20);
  });

  it('records each unit\'s entry in units.yaml as where it was created, for findings to point at', () => {
    const lines = fs.readFileSync(path.join(ROOT, 'stacks/units.yaml'), 'utf8').split('\n');
    const entry = (name: string) => {
      const index = lines.findIndex((line) => line === `  - name: ${name}`);
      return { file: 'stacks/units.yaml', line: index + 1, column: lines[index].indexOf('name') + 1, constructPath: `${name}/unit` };
    };
    for (const name of ['usw1', 'use1', 'weu1', 'neu1']) expect(stacks[name]['//'].cxunit.createdAt).toEqual(entry(name));
  });

  it('derives every GKE stack\'s firewall from its recorded boundaries', () => {
    const catalog = Catalog.default();
    for (const json of [stacks.usw1, stacks.use1]) {
      const boundaries = json['//'].cxunit.boundaries;
      const boundariesWithFlows = new Set(documentedFlows(catalog, boundaries, json['//'].cxunit.serviceGroups).map((f) => f.boundary));
      const ruleBoundaries = new Set(Object.values(resourcesOf(json, 'google_compute_firewall')).map((r) => String(r.name).replace(`${boundaries.unit}-`, '').replace(/-\d+$/, '')));
      ruleBoundaries.delete('deny-all-egress');
      ruleBoundaries.delete('deny-all-egress-ipv6');
      expect([...ruleBoundaries].sort()).toEqual([...boundariesWithFlows].sort());
    }
  });
});

describe('the AKS pair of stacks/units.yaml', () => {
  let stacks: Record<string, TerraformJson>;
  beforeAll(() => {
    stacks = synthesizeUnitsApp({ unitsFile: path.join(ROOT, 'stacks/units.yaml') });
  });

  it('configures the azurerm provider for the subscription, a local backend and the unit\'s resource group', () => {
    expect(stacks.weu1.provider.azurerm).toEqual([{ features: [{}], subscription_id: '00000000-0000-0000-0000-000000000000' }]);
    expect(stacks.weu1.terraform.backend).toEqual({ local: { path: 'terraform.weu1.tfstate' } });
    expect(Object.values(resourcesOf(stacks.neu1, 'azurerm_resource_group')).map((g) => [g.name, g.location])).toEqual([['cx-neu1', 'northeurope']]);
    expect(Object.keys(stacks.weu1.output).sort()).toEqual(['cluster_fqdn', 'cluster_name', 'ingress_ip']);
  });

  it('builds one AKS cluster per stack with Azure CNI, no overlay, no policy engine, and a 60-minute real-time drain', () => {
    for (const json of [stacks.weu1, stacks.neu1]) {
      const clusters = Object.values(resourcesOf(json, 'azurerm_kubernetes_cluster'));
      expect(clusters).toHaveLength(1);
      expect(clusters[0].network_profile).toMatchObject({ network_plugin: 'azure', network_data_plane: 'azure' });
      expect(clusters[0].network_profile.network_plugin_mode).toBeUndefined();
      expect(clusters[0].network_profile.network_policy).toBeUndefined();
      expect(clusters[0].default_node_pool).toMatchObject({ zones: ['1', '2', '3'], os_disk_type: 'Managed', vm_size: 'Standard_D8s_v5' });
      const realtime = Object.values(resourcesOf(json, 'azurerm_kubernetes_cluster_node_pool')).find((p) => p.name === 'realtime');
      expect(realtime!.upgrade_settings.drain_timeout_in_minutes).toBe(60);
    }
  });

  it('peers the two VNets of the group with each other, and not with the GKE units', () => {
    const peering = (json: TerraformJson) => Object.values(resourcesOf(json, 'azurerm_virtual_network_peering')).map((p) => p.remote_virtual_network_id);
    expect(peering(stacks.weu1)).toEqual(['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cx-neu1/providers/Microsoft.Network/virtualNetworks/neu1-vnet']);
    expect(peering(stacks.neu1)).toEqual(['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cx-weu1/providers/Microsoft.Network/virtualNetworks/weu1-vnet']);
    // neu1 keeps its stores in its data subnet (units.yaml dataStores.subnetCidr): weu1 records it for the cross-region Redis flow (002 #22).
    // neu1 has no third-party pool: its node and pod subnets are those of its general and realtime pools; its whole VNet is the peered part of VirtualNetwork.
    expect(stacks.weu1['//'].cxunit.boundaries.crossRegion).toEqual({ peerRanges: ['10.40.0.0/24', '10.40.8.0/21', '10.40.1.0/24', '10.40.16.0/21'], peerSbcRanges: ['198.51.100.128/25'], peerDataStoreRanges: ['10.40.64.0/24'], peerNetworkRanges: ['10.40.0.0/16'] });
    expect(stacks.usw1['//'].cxunit.boundaries.crossRegion.peerRanges).toEqual(['10.20.0.0/20', '10.22.0.0/16']);
  });

  it('opens HTTPS on the general pool NSG, creates the four AKS storage classes, the voice namespace and the priority classes', () => {
    const nsg = Object.values(resourcesOf(stacks.weu1, 'azurerm_network_security_group')).find((g) => g.name === 'weu1-general-nsg');
    expect(nsg!.security_rule.find((r: TerraformJson) => r.name === 'internet-ingress-tcp')).toMatchObject({ access: 'Allow', protocol: 'Tcp', destination_port_range: '443', direction: 'Inbound' });
    expect(Object.values(resourcesOf(stacks.weu1, 'azurerm_subnet_network_security_group_association'))).toHaveLength(6);
    expect(Object.values(resourcesOf(stacks.weu1, 'kubernetes_storage_class_v1')).map((c) => `${c.metadata.name}=${c.parameters.skuName}`).sort())
      .toEqual(['disk-premium=Premium_LRS', 'disk-standard=StandardSSD_LRS', 'files-standard-redundant=Premium_ZRS', 'files-standard=Standard_LRS']);
    expect(Object.values(resourcesOf(stacks.neu1, 'kubernetes_namespace_v1')).map((n) => n.metadata.name)).toContain('voice');
    expect(Object.keys(resourcesOf(stacks.neu1, 'kubernetes_priority_class_v1')).length).toBeGreaterThan(0);
  });
});

describe('node dist/stacks/main.js', () => {
  it('writes one cdk.tf.json per unit of the shipped example', () => {
    const dir = tempDir();
    try {
      const outdir = path.join(dir, 'out');
      const result = runApp(undefined, outdir);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['neu1', 'use1', 'usw1', 'weu1']);
      const usw1 = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/usw1/cdk.tf.json'), 'utf8'));
      expect(usw1['//'].cxunit.boundaries.unit).toBe('usw1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Each case runs the app in its own process; they run in parallel, then each test checks its result.
  const cases: Array<[string, string, string[]]> = [
  ["fails on a YAML syntax error", "bad-yaml.yaml", [
    "test/fixtures/units/bad-yaml.yaml:10:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]: fix the syntax at this position",
  ]],
  ["fails on an unknown key, naming the allowed ones", "unknown-key.yaml", [
    "test/fixtures/units/unknown-key.yaml:14:5: units[1]: missing key \"subnetCidr\": add it",
    "test/fixtures/units/unknown-key.yaml:20:5: units[1].subnetCIDR: unknown key \"subnetCIDR\": remove it or use one of name, cloud, role, project, region, zones, subnetCidr, podsCidr, servicesCidr, existingNetwork, nodePools, diskSizeGb, releaseChannel, minMasterVersion, deletionProtection, ingressSourceRanges, healthCheckPort, sbcSourceRanges, rtpPortRange, sbcRtpPortRange, dataStores, serviceGroups, dns, egressLockdown, filestoreReservedCidr, filestoreReservedRangeName, externalPeers, unitGroup",
  ]],
  ["fails on values of the wrong type", "wrong-type.yaml", [
    "test/fixtures/units/wrong-type.yaml:19:12: units[1].zones: must be a list, found \"us-east1-b\": change the value",
    "test/fixtures/units/wrong-type.yaml:20:21: units[1].egressLockdown: must be a boolean, found \"yes\": change the value",
  ]],
  ["fails on a malformed CIDR and on host bits", "bad-cidr.yaml", [
    "test/fixtures/units/bad-cidr.yaml:12:15: units[0].podsCidr: podsCidr \"10.12.0.0/33\" is not a CIDR range: write it as an address and a prefix length, e.g. \"10.0.0.0/20\"",
    "test/fixtures/units/bad-cidr.yaml:20:17: units[1].subnetCidr: subnetCidr \"10.20.1.0/20\" has host bits set: write the network address \"10.20.0.0/20\"",
  ]],
  ["fails when a range overlaps another unit's, at the later unit", "overlap-across-units.yaml", [
    "test/fixtures/units/overlap-across-units.yaml:22:15: units[1].podsCidr: podsCidr 10.12.128.0/17 overlaps podsCidr 10.12.0.0/16 of unit \"usw1\" (test/fixtures/units/overlap-across-units.yaml:12): the units of a unit group reach each other over VPC peering, so every range must be distinct; choose ranges that do not overlap",
  ]],
  ["fails when podsCidr overlaps the subnet", "pods-overlaps-subnet.yaml", [
    "test/fixtures/units/pods-overlaps-subnet.yaml:12:15: units[0].podsCidr: podsCidr 10.8.0.0/14 overlaps subnetCidr 10.10.0.0/20 in unit \"usw1\": choose ranges that do not overlap",
  ]],
  ["fails when a zone is outside the unit's region", "zone-outside-region.yaml", [
    "test/fixtures/units/zone-outside-region.yaml:9:37: units[0].zones[2]: zone \"us-east1-c\" is not in region \"us-west1\": use a zone of the region, e.g. \"us-west1-a\"",
  ]],
  ["fails on a duplicate unit name, at the second one", "duplicate-names.yaml", [
    "test/fixtures/units/duplicate-names.yaml:14:11: units[1].name: unit name \"usw1\" is already used by units[0] (test/fixtures/units/duplicate-names.yaml:4): give every unit of the group a distinct name",
  ]],
  ["fails when a machine type has the wrong memory ratio", "wrong-ratio.yaml", [
    "test/fixtures/units/wrong-ratio.yaml:15:31: units[0].nodePools.general.machineType: machine type \"n2-highmem-8\" has 8 GB memory per vCPU, but the general node pool needs 4 (003 \"Deployment > Node pools\"): use a 4 GB/vCPU type such as \"n2-standard-8\"",
  ]],
  ["fails on an AKS unit with an 8:1 general pool, a 30-minute drain, one zone and a Service range in its VNet", "aks.yaml", [
    "test/fixtures/units/aks.yaml:21:12: units[1].zones: zones lists 1 zone (1): every node pool spans the three availability zones of the region (003 \"High availability and disaster recovery\"); use [\"1\", \"2\", \"3\"]",
    "test/fixtures/units/aks.yaml:23:19: units[1].servicesCidr: servicesCidr 10.30.192.0/18 overlaps vnetCidr 10.30.0.0/16 in unit \"weu1\": AKS needs a Service range outside the virtual network; choose ranges that do not overlap",
    "test/fixtures/units/aks.yaml:25:26: units[1].nodePools.general.vmSize: VM size \"Standard_E8s_v5\" has 8 GB memory per vCPU, but the general node pool needs 4 (003 \"Deployment > Node pools\"): use a size such as \"Standard_D8s_v5\"",
    "test/fixtures/units/aks.yaml:26:33: units[1].nodePools.realtime.drainMinutes: realtimeDrainMinutes is 30: the real-time pool \"require[s] a drain time of 60 minutes or longer\" (003 \"Deployment > Node pools\") and AKS accepts at most 1440; use 60 to 1440",
  ]],
  ["fails on a second primary unit", "two-primaries.yaml", [
    "test/fixtures/units/two-primaries.yaml:16:11: units[1].role: unit \"use1\" is a second primary unit of unit group \"test-pair\" (units[0] \"usw1\" is primary): a unit group has exactly one primary unit (003 \"Units\"); make this one \"secondary\"",
  ]],
  ["fails when a store the unit's services need has no declared place, naming the services", "missing-store.yaml", [
    "test/fixtures/units/missing-store.yaml:26:15: units[1].dataStores.stores: unit \"use1\" does not say where redis (needed by Tenant Service, Voice Microservices) lives (003 \"Third-party dependencies\"): add it to the stores (the data subnet 10.20.32.0/24), the in-cluster stores, or the external stores with its range (units.yaml dataStores.stores / .inCluster / .external; GkeUnit dataStores / inClusterDataStores / externalDataStores)",
  ]],
  ["fails when an AKS unit's services need stores it does not place, naming the services", "aks-missing-store.yaml", [
    "test/fixtures/units/aks-missing-store.yaml:25:15: units[1].dataStores.stores: unit \"neu1\" does not say where postgres (needed by Genesys Voice Platform, Tenant Service); consul (needed by Tenant Service, Voice Microservices); mssql (needed by Genesys Voice Platform) live (003 \"Third-party dependencies\"): add each to the stores (the data subnet 10.40.64.0/24), the in-cluster stores, or the external stores with their range (units.yaml dataStores.stores / .inCluster / .external; AksUnit dataStores / inClusterDataStores / externalDataStores)",
  ]],
  ["reports every problem at once, in file order", "many-problems.yaml", [
    "test/fixtures/units/many-problems.yaml:9:12: units[0].zones: zones lists 2 zones (us-west1-a, us-west1-b): a unit's cluster is regional with nodes in at least three zones; list three zones of \"us-west1\"",
    "test/fixtures/units/many-problems.yaml:14:23: units[0].minMasterVersion: minMasterVersion \"1.24\" is below the documented minimum 1.25 (003 \"Software requirements > Private edition general prerequisites\": \"Kubernetes 1.25\"): use \"1.25\" or later",
    "test/fixtures/units/many-problems.yaml:16:32: units[0].nodePools.realtime.machineType: machine type \"n1-standard-8\" has 3.75 GB memory per vCPU, but the real-time node pool needs 4 (003 \"Deployment > Node pools\"): use a 4 GB/vCPU type such as \"n2-standard-8\"",
    "test/fixtures/units/many-problems.yaml:16:61: units[0].nodePools.realtime.drainMinutes: drainMinutes 30 of the real-time node pool is below the 60 minutes its voice sessions need to drain (003 \"Deployment > Node pools\"): use a whole number of 60 or more",
    "test/fixtures/units/many-problems.yaml:25:15: units[1].podsCidr: podsCidr 10.12.0.0/16 overlaps podsCidr 10.12.0.0/16 of unit \"usw1\" (test/fixtures/units/many-problems.yaml:12): the units of a unit group reach each other over VPC peering, so every range must be distinct; choose ranges that do not overlap",
  ]],
  ];
  const results = new Map<string, { status: number | null; stdout: string; stderr: string; outdirExists: boolean }>();
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await Promise.all(cases.map(async ([, fixture]) => {
      const outdir = path.join(dir, fixture);
      const result = await runAppAsync(`test/fixtures/units/${fixture}`, outdir);
      results.set(fixture, { ...result, outdirExists: fs.existsSync(outdir) });
    }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('%s (exit 2, every diagnostic, nothing written)', (_title, fixture, expected) => {
    const result = results.get(fixture)!;
    expect(result.stderr).toBe(`${expected.join('\n')}\n`);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
    expect(result.outdirExists).toBe(false);
  });

  it('fails when the units file does not exist', () => {
    const dir = tempDir();
    try {
      const result = runApp('stacks/missing.yaml', path.join(dir, 'out'));
      expect(result.stderr).toBe('stacks/missing.yaml: units file not found: create it (see README.md "units.yaml reference") or set CXUNIT_UNITS to its path\n');
      expect(result.status).toBe(2);
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
