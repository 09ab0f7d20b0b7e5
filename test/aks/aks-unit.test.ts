import { AKS_STORAGE_CLASS_PARAMETERS } from '../../lib/aks/aks-unit';
import { AksUnitProps } from '../../lib/aks/aks-unit-props';
import { constructAksUnit, constructGkeAndAksUnitInOneStack, onlyResource, resourcesOf, synthesizeAksUnit, TerraformJson } from '../../lib/testing/synth';
import { PRIMARY } from '../gke/example-props';
import { AKS_PRIMARY } from './example-props';

function values(resource: TerraformJson): TerraformJson {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== '//'));
}

function byName(json: TerraformJson, type: string, name: string): TerraformJson {
  const found = Object.values(resourcesOf(json, type)).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return values(found);
}

/** `Inbound Allow Udp 5080,20000-45000 from 192.0.2.0/24` for every rule of an NSG, in priority order. */
function ruleLines(nsg: TerraformJson): string[] {
  return nsg.security_rule.map((r: TerraformJson) => {
    const ports = r.destination_port_range ?? r.destination_port_ranges.join(',');
    const inbound = r.direction === 'Inbound';
    const peer = inbound ? (r.source_address_prefix ?? r.source_address_prefixes.join(',')) : (r.destination_address_prefix ?? r.destination_address_prefixes.join(','));
    const own = inbound ? r.destination_address_prefix : r.source_address_prefix;
    return `${r.priority} ${r.direction} ${r.access} ${r.protocol} ${ports} ${inbound ? 'from' : 'to'} ${peer} (pool side ${own})`;
  });
}

describe('AksUnit: a primary unit with SBCs, a peer, a third-party pool and DNS', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthesizeAksUnit(AKS_PRIMARY);
  });

  it('builds one cluster with Azure CNI and pod subnets, no overlay, no Cilium, no network policy engine', () => {
    const cluster = values(onlyResource(json, 'azurerm_kubernetes_cluster'));
    // 003 "Networking overview > Voice": direct access to the pods IP from the SBC; "Network settings > Network Policy".
    expect(cluster.network_profile).toEqual({
      network_plugin: 'azure', network_data_plane: 'azure', load_balancer_sku: 'standard', outbound_type: 'loadBalancer',
      service_cidr: '10.130.0.0/16', dns_service_ip: '10.130.0.10',
    });
    expect(cluster.storage_profile).toEqual({ disk_driver_enabled: true, file_driver_enabled: true });
    expect(cluster.identity.type).toBe('UserAssigned');
    expect(cluster.depends_on).toHaveLength(7);
    expect(cluster.depends_on.every((d: string) => d.startsWith('azurerm_role_assignment.'))).toBe(true);
  });

  it('makes the general pool the default pool: 4 GB/vCPU premium size, managed OS disk, three zones', () => {
    const pool = values(onlyResource(json, 'azurerm_kubernetes_cluster')).default_node_pool;
    expect(pool).toMatchObject({
      name: 'general', vm_size: 'Standard_D8s_v5', zones: ['1', '2', '3'], os_disk_type: 'Managed', os_disk_size_gb: 128,
      auto_scaling_enabled: true, min_count: 3, max_count: 15, node_labels: { 'genesys.com/node-pool': 'general' },
    });
    expect(pool.node_taints).toBeUndefined();
  });

  it('taints the real-time pool and drains it for 60 minutes, cordoning nodes it cannot drain', () => {
    // 003 "Deployment > Node pools": "a drain time of 60 minutes or longer".
    expect(byName(json, 'azurerm_kubernetes_cluster_node_pool', 'realtime')).toMatchObject({
      mode: 'User', vm_size: 'Standard_D8s_v5', zones: ['1', '2', '3'], os_disk_type: 'Managed',
      node_taints: ['genesys.com/node-pool=realtime:NoSchedule'],
      upgrade_settings: { drain_timeout_in_minutes: 60, max_surge: '1', undrainable_node_behavior: 'Cordon' },
    });
    expect(byName(json, 'azurerm_kubernetes_cluster_node_pool', 'thirdparty')).toMatchObject({
      vm_size: 'Standard_L8s_v3', zones: ['1', '2', '3'], os_disk_type: 'Managed', node_labels: { 'genesys.com/node-pool': 'third-party' },
    });
  });

  it('carves a node and a pod subnet per pool kind from the VNet, and peers with the other unit', () => {
    const subnets = Object.values(resourcesOf(json, 'azurerm_subnet')).map((s) => `${s.name} ${s.address_prefixes.join(',')}`).sort();
    expect(subnets).toEqual([
      'weu1-nodes-general 10.30.0.0/24', 'weu1-nodes-realtime 10.30.1.0/24', 'weu1-nodes-third-party 10.30.2.0/24',
      'weu1-pods-general 10.30.8.0/21', 'weu1-pods-realtime 10.30.16.0/21', 'weu1-pods-third-party 10.30.24.0/21',
    ]);
    expect(byName(json, 'azurerm_virtual_network', 'weu1-vnet').address_space).toEqual(['10.30.0.0/16']);
    expect(byName(json, 'azurerm_virtual_network_peering', 'weu1-to-neu1')).toMatchObject({
      remote_virtual_network_id: AKS_PRIMARY.peerUnits![0].vnetId, allow_virtual_network_access: true, allow_forwarded_traffic: false, use_remote_gateways: false,
    });
  });

  it('grants the cluster identity Network Contributor on every subnet and the ingress IP', () => {
    const assignments = Object.values(resourcesOf(json, 'azurerm_role_assignment'));
    expect(assignments).toHaveLength(7);
    expect(new Set(assignments.map((a) => a.role_definition_name))).toEqual(new Set(['Network Contributor']));
    const scopes = assignments.map((a) => a.scope.replace(/_[0-9A-F]{8}/, '')).sort();
    expect(scopes).toEqual([
      '${azurerm_public_ip.unit_ingress_public-ip.id}',
      '${azurerm_subnet.unit_network_nodes-general.id}', '${azurerm_subnet.unit_network_nodes-realtime.id}', '${azurerm_subnet.unit_network_nodes-third-party.id}',
      '${azurerm_subnet.unit_network_pods-general.id}', '${azurerm_subnet.unit_network_pods-realtime.id}', '${azurerm_subnet.unit_network_pods-third-party.id}',
    ]);
  });

  it('opens exactly the documented flows on each pool NSG, then denies the rest (hand-written from 000, 001, 002 and 003)', () => {
    expect(ruleLines(byName(json, 'azurerm_network_security_group', 'weu1-general-nsg'))).toEqual([
      // Azure load-balancer probes to kube-proxy's health port; 000 #1 / 001 #27: HTTPS from the internet.
      '100 Inbound Allow Tcp 10256 from AzureLoadBalancer (pool side *)',
      '110 Inbound Allow Tcp 443 from 0.0.0.0/0 (pool side *)',
      // The unit's own node and pod subnets (/24 and /21 per pool kind, carved from 10.30.0.0/16): AKS needs
      // node-to-node and pod-to-pod traffic through a restrictive subnet NSG.
      '120 Inbound Allow * * from 10.30.0.0/24,10.30.1.0/24,10.30.16.0/21,10.30.2.0/24,10.30.24.0/21,10.30.8.0/21 (pool side *)',
      '4096 Inbound Deny * * from * (pool side *)',
    ]);
    expect(ruleLines(byName(json, 'azurerm_network_security_group', 'weu1-realtime-nsg'))).toEqual([
      // 003 "Voice connectivity: Connections" rows 1, 12, 16: SIP 5080 TCP/UDP; RTP 20000-45000 UDP.
      '100 Inbound Allow Tcp 5080 from 192.0.2.0/24 (pool side *)',
      '110 Inbound Allow Udp 5080,20000-45000 from 192.0.2.0/24 (pool side *)',
      '120 Inbound Allow * * from 10.30.0.0/24,10.30.1.0/24,10.30.16.0/21,10.30.2.0/24,10.30.24.0/21,10.30.8.0/21 (pool side *)',
      '4096 Inbound Deny * * from * (pool side *)',
    ]);
    expect(ruleLines(byName(json, 'azurerm_network_security_group', 'weu1-third-party-nsg'))).toEqual([
      // 002 #22: remote Redis from the other units of the group.
      // 002 #22: Tenant Service in neu1's cluster, i.e. neu1's node and pod subnets (general 10.40.0.0/24 + 10.40.8.0/21, realtime 10.40.1.0/24 + 10.40.16.0/21), not its whole VNet.
      '100 Inbound Allow Tcp 6379 from 10.40.0.0/24,10.40.1.0/24,10.40.16.0/21,10.40.8.0/21 (pool side *)',
      '110 Inbound Allow * * from 10.30.0.0/24,10.30.1.0/24,10.30.16.0/21,10.30.2.0/24,10.30.24.0/21,10.30.8.0/21 (pool side *)',
      '4096 Inbound Deny * * from * (pool side *)',
    ]);
    const associations = Object.values(resourcesOf(json, 'azurerm_subnet_network_security_group_association'));
    expect(associations).toHaveLength(6);
  });

  it('writes unset rule fields as null, one prefix field per side', () => {
    const rule = byName(json, 'azurerm_network_security_group', 'weu1-general-nsg').security_rule[1];
    expect(rule).toEqual({
      name: 'internet-ingress-tcp', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      source_port_range: '*', source_port_ranges: null, destination_port_range: '443', destination_port_ranges: null,
      source_address_prefix: null, source_address_prefixes: ['0.0.0.0/0'], destination_address_prefix: '*', destination_address_prefixes: null,
      source_application_security_group_ids: null, destination_application_security_group_ids: null,
      description: 'internet-ingress: 000 "Connections table" 1; 001 "Connections table" 27; 003 "Third-party dependencies for Genesys Multicloud CX services" …',
    });
  });

  it('creates the four AKS storage classes of 003 with their SKUs', () => {
    const classes = Object.values(resourcesOf(json, 'kubernetes_storage_class_v1')).map((c) => `${c.metadata.name} ${c.storage_provisioner} ${c.parameters.skuName}`).sort();
    expect(classes).toEqual([
      'disk-premium disk.csi.azure.com Premium_LRS',
      'disk-standard disk.csi.azure.com StandardSSD_LRS',
      'files-standard file.csi.azure.com Standard_LRS',
      'files-standard-redundant file.csi.azure.com Premium_ZRS',
    ]);
    expect(Object.keys(AKS_STORAGE_CLASS_PARAMETERS).sort()).toEqual(['disk-premium', 'disk-standard', 'files-standard', 'files-standard-redundant']);
  });

  it('creates the voice namespace and the priority classes, a static zone-redundant ingress IP and its wildcard record', () => {
    const namespaces = Object.values(resourcesOf(json, 'kubernetes_namespace_v1')).map((n) => n.metadata.name);
    expect(namespaces).toContain('voice');
    expect(Object.keys(resourcesOf(json, 'kubernetes_priority_class_v1')).length).toBeGreaterThan(0);
    expect(byName(json, 'azurerm_public_ip', 'weu1-ingress')).toMatchObject({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    expect(byName(json, 'azurerm_dns_a_record', '*')).toMatchObject({ zone_name: 'cx.example.com', ttl: 300 });
  });

  it('records its boundaries for the policies, with the Azure load balancer as the health-check source', () => {
    expect(json['//'].cxunit.boundaries.ingress).toEqual({ sourceRanges: ['0.0.0.0/0'], healthCheckRanges: ['168.63.129.16/32'], healthCheckPort: 10256, targetPools: ['general'] });
    expect(json['//'].cxunit.boundaries.crossRegion).toEqual({ peerRanges: ['10.40.0.0/24', '10.40.8.0/21', '10.40.1.0/24', '10.40.16.0/21'], peerSbcRanges: ['198.51.100.0/24'], peerNetworkRanges: ['10.40.0.0/16'] });
  });
});

describe('AksUnit with egress lockdown', () => {
  it('adds the documented egress flows and an explicit outbound deny at 4096', () => {
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, egressLockdown: true, thirdPartyVmSize: undefined, peerUnits: [] });
    const lines = ruleLines(byName(json, 'azurerm_network_security_group', 'weu1-realtime-nsg'));
    expect(lines[lines.length - 1]).toBe('4096 Outbound Deny * * to * (pool side *)');
    expect(lines).toContain('4096 Inbound Deny * * from * (pool side *)');
    // The unit reaches itself (its node and pod subnets, and the Service range); 003 voice table: the voice services reach the SBC.
    expect(lines.filter((l) => l.includes('Outbound Allow'))).toEqual(expect.arrayContaining([
      expect.stringMatching(/Outbound Allow \* \* to 10\.130\.0\.0\/16,10\.30\.0\.0\/24,10\.30\.1\.0\/24,10\.30\.16\.0\/21,10\.30\.8\.0\/21 /),
      expect.stringMatching(/Outbound Allow Udp .* to 192\.0\.2\.0\/24/),
    ]));
  });

  it('sends RTP to the SBC\'s declared media range, and takes RTP from the SBC on ours (003 voice rows 11, 15 out; 12, 16 in)', () => {
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, egressLockdown: true, thirdPartyVmSize: undefined, peerUnits: [], sbcRtpPortRange: '16384-32767' });
    const sbcLines = ruleLines(byName(json, 'azurerm_network_security_group', 'weu1-realtime-nsg')).filter((l) => l.includes('192.0.2.0/24') && l.includes('Udp'));
    expect(sbcLines.map((l) => l.replace(/^\d+ /, '').replace(/ \(pool side .*\)$/, '')).sort()).toEqual([
      'Inbound Allow Udp 5080,20000-45000 from 192.0.2.0/24',
      'Outbound Allow Udp 5060,16384-32767 to 192.0.2.0/24',
    ]);
    expect(json['//'].cxunit.boundaries.sbc).toEqual({ sourceRanges: ['192.0.2.0/24'], rtpPortRange: '20000-45000', sbcRtpPortRange: '16384-32767' });
  });
});

describe('AksUnit with its data subnet inside its own VNet (stacks/units.yaml neu1: 10.40.64.0/24 in 10.40.0.0/16)', () => {
  // Every Allow rule of each pool NSG whose peers reach into the data subnet 10.30.64.0/24, as `direction protocol ports`.
  function rulesReachingTheDataSubnet(json: TerraformJson): Record<string, string[]> {
    const reaches = (prefix: string) => prefix === '*' || ['10.30.0.0/16', '10.30.64.0/18', '10.30.64.0/24'].includes(prefix) || prefix.startsWith('10.30.64.');
    return Object.fromEntries(['general', 'realtime'].map((pool) => [pool, byName(json, 'azurerm_network_security_group', `weu1-${pool}-nsg`).security_rule
      .filter((r: TerraformJson) => r.access === 'Allow')
      .filter((r: TerraformJson) => (r.direction === 'Inbound' ? (r.source_address_prefixes ?? [r.source_address_prefix]) : (r.destination_address_prefixes ?? [r.destination_address_prefix])).some(reaches))
      .map((r: TerraformJson) => `${r.direction} ${r.protocol} ${r.destination_port_range ?? r.destination_port_ranges.join(',')}`)]));
  }

  it('opens to the data subnet only its stores\' ports: the unit itself is its node and pod subnets, not its whole VNet', () => {
    const json = synthesizeAksUnit({
      ...AKS_PRIMARY, egressLockdown: true, thirdPartyVmSize: undefined, peerUnits: [], serviceGroups: ['voice', 'voice-tenants', 'voice-legacy', 'gvp', 'webrtc'],
      dataStoreSubnetCidr: '10.30.64.0/24', dataStores: ['redis', 'kafka', 'postgres', 'mssql'], inClusterDataStores: ['consul'],
    });
    // Written from the documents: 003 "Third-party dependencies" (GVP: MS SQL 1433; Tenant and GVP: PostgreSQL 5432;
    // Redis 6379 or 6380 (SSL); Kafka 9092/9093, 002 row 19). No rule lets the data subnet in, none opens more to it.
    expect(rulesReachingTheDataSubnet(json)).toEqual({
      general: ['Outbound Tcp 1433,5432,6379,6380,9092,9093'],
      realtime: ['Outbound Tcp 1433,5432,6379,6380,9092,9093'],
    });
    expect(json['//'].cxunit.boundaries.unitInternal).toEqual({ ranges: ['10.30.0.0/24', '10.30.8.0/21', '10.30.1.0/24', '10.30.16.0/21'] });
    expect(json['//'].cxunit.boundaries.unitRanges).toEqual(['10.30.0.0/24', '10.30.8.0/21', '10.30.1.0/24', '10.30.16.0/21', '10.130.0.0/16']);
  });
});

describe('AksUnit with egress lockdown and a peer whose Redis runs in its data subnet', () => {
  it('reaches the peer\'s Redis in that subnet on the documented port only (002 #22)', () => {
    const peer = { ...AKS_PRIMARY.peerUnits![0], dataStoreSubnetCidr: '10.41.64.0/24' };
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, egressLockdown: true, thirdPartyVmSize: undefined, peerUnits: [peer] });
    // Written from the documents: 002 "Connections table" row 22, Tenant Service to the remote Redis, TCP 6379;
    // 003 "Communication ports and protocols": Redis 6379. The peer's node and pod subnets and its data subnet, from every pool.
    for (const pool of ['general', 'realtime']) {
      const nsg = byName(json, 'azurerm_network_security_group', `weu1-${pool}-nsg`);
      const toDataSubnet = nsg.security_rule.filter((r: TerraformJson) => (r.destination_address_prefixes ?? [r.destination_address_prefix]).includes('10.41.64.0/24'));
      expect(toDataSubnet.map((r: TerraformJson) => [r.direction, r.access, r.protocol, r.destination_port_range, r.destination_address_prefixes, r.description])).toEqual([
        ['Outbound', 'Allow', 'Tcp', '6379', ['10.40.0.0/24', '10.40.1.0/24', '10.40.16.0/21', '10.40.8.0/21', '10.41.64.0/24'], 'cross-region-egress: 002 "Connections table" 22'],
      ]);
    }
    expect(json['//'].cxunit.boundaries.crossRegion).toEqual({ peerRanges: ['10.40.0.0/24', '10.40.8.0/21', '10.40.1.0/24', '10.40.16.0/21'], peerSbcRanges: ['198.51.100.0/24'], peerDataStoreRanges: ['10.41.64.0/24'], peerNetworkRanges: ['10.40.0.0/16'] });
  });
});

describe('AksUnit with ranges known only at deploy time (Terraform variables)', () => {
  it('fails up front when vnetCidr is a variable, showing it and the fix: the subnets are carved from it at synth time', () => {
    expect(() => constructAksUnit(AKS_PRIMARY, { vnetCidr: { name: 'vnet_cidr', type: 'string' } })).toThrow('invalid AksUnit "weu1":\n  - vnetCidr is "${var.vnet_cidr}", known only at deploy time, '
      + 'but AksUnit carves its node and pod subnets from it when the stack is synthesized: give a literal range (for example "10.30.0.0/16", read from a tfvars file when the stack is synthesized)');
  });
  it('fails when servicesCidr is a variable and dnsServiceIp is left to its default, and accepts it with dnsServiceIp', () => {
    const variables = { servicesCidr: { name: 'services_cidr', type: 'string' } } as const;
    expect(() => constructAksUnit(AKS_PRIMARY, variables)).toThrow('servicesCidr is "${var.services_cidr}", known only at deploy time, so the default dnsServiceIp (its tenth address) cannot be computed: give dnsServiceIp as well, or a literal servicesCidr');
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, dnsServiceIp: '10.130.0.10', enforcePolicies: false }, { variables });
    expect(values(onlyResource(json, 'azurerm_kubernetes_cluster')).network_profile).toMatchObject({ service_cidr: '${var.services_cidr}', dns_service_ip: '10.130.0.10' });
  });
});

describe('AksUnit in an existing VNet, without DNS or a third-party pool', () => {
  it('creates no VNet, carves its subnets in the named one and makes no DNS record', () => {
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, existingVnetName: 'shared-vnet', existingVnetAddressSpace: ['10.30.0.0/16', '10.31.0.0/16'], dnsZoneName: undefined, thirdPartyVmSize: undefined, peerUnits: [] });
    expect(resourcesOf(json, 'azurerm_virtual_network')).toEqual({});
    expect(resourcesOf(json, 'azurerm_dns_a_record')).toEqual({});
    expect(new Set(Object.values(resourcesOf(json, 'azurerm_subnet')).map((s) => s.virtual_network_name))).toEqual(new Set(['shared-vnet']));
    expect(Object.values(resourcesOf(json, 'azurerm_subnet')).map((s) => s.name).sort()).toEqual(['weu1-nodes-general', 'weu1-nodes-realtime', 'weu1-pods-general', 'weu1-pods-realtime']);
    expect(Object.values(resourcesOf(json, 'azurerm_network_security_group')).map((g) => g.name).sort()).toEqual(['weu1-general-nsg', 'weu1-realtime-nsg']);
    // The policies read the VNet's address space from the unit's metadata (Azure's VirtualNetwork tag).
    expect(json['//'].cxunit.boundaries.networkRanges).toEqual(['10.30.0.0/16', '10.31.0.0/16']);
  });
});

describe('AksUnit props validation', () => {
  const fails = (props: Partial<AksUnitProps>) => () => constructAksUnit({ ...AKS_PRIMARY, ...props } as AksUnitProps);

  it('fails when the general pool has 8 GB per vCPU', () => {
    expect(fails({ generalVmSize: 'Standard_E8s_v5' })).toThrow('VM size "Standard_E8s_v5" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a size such as "Standard_D8s_v5"');
  });
  it('fails when the real-time drain is 30 minutes', () => {
    expect(fails({ realtimeDrainMinutes: 30 })).toThrow('realtimeDrainMinutes is 30: the real-time pool "require[s] a drain time of 60 minutes or longer" (003 "Deployment > Node pools") and AKS accepts at most 1440; use 60 to 1440');
  });
  it('fails when only one zone is given', () => {
    expect(fails({ zones: ['1'] })).toThrow('zones lists 1 zone (1): every node pool spans the three availability zones of the region (003 "High availability and disaster recovery"); use ["1", "2", "3"]');
  });
  it('fails when the Service range overlaps the VNet', () => {
    expect(fails({ servicesCidr: '10.30.128.0/17' })).toThrow('servicesCidr 10.30.128.0/17 overlaps vnetCidr 10.30.0.0/16 in unit "weu1": AKS needs a Service range outside the virtual network; choose ranges that do not overlap');
  });
  it('fails when the VNet is smaller than /19', () => {
    expect(fails({ vnetCidr: '10.30.0.0/20' })).toThrow('vnetCidr 10.30.0.0/20 is smaller than /19 (cxunit carves a /24 node subnet and a /21 pod subnet per node pool from it): use a /19 or larger range');
    // The peers' node and pod subnets are carved from their vnetCidr the same way.
    expect(fails({ peerUnits: [{ ...AKS_PRIMARY.peerUnits![0], vnetCidr: '10.40.0.0/20' }] })).toThrow('peer unit "neu1" vnetCidr 10.40.0.0/20 is smaller than /19, which no AksUnit accepts (its node and pod subnets are carved from it): give the peer\'s whole vnetCidr');
  });
  it('fails when the third-party size has no NVMe', () => {
    expect(fails({ thirdPartyVmSize: 'Standard_E8s_v5' })).toThrow('VM size "Standard_E8s_v5" has no directly attached NVMe disk, but the third-party node pool needs directly attached NVMe (003 "Deployment > Node pools"): use a size such as "Standard_L8s_v3"');
  });
  it('fails when Kubernetes is older than 1.25', () => {
    expect(fails({ kubernetesVersion: '1.24' })).toThrow('kubernetesVersion "1.24" is below the documented minimum 1.25');
  });
  it('fails an existing VNet without its address space, or one that does not contain vnetCidr', () => {
    expect(fails({ existingVnetName: 'shared' })).toThrow('existingVnetName is given without existingVnetAddressSpace: give the existing VNet\'s name and its whole address space, or neither to create a VNet');
    expect(fails({ existingVnetName: 'shared', existingVnetAddressSpace: ['10.31.0.0/16'] })).toThrow('existingVnetAddressSpace (10.31.0.0/16) does not contain vnetCidr 10.30.0.0/16: the unit\'s subnets are carved from vnetCidr inside the existing VNet; give its whole address space');
  });

  it('fails when a store the services need has no declared place (003 "Third-party dependencies"), naming the services', () => {
    expect(fails({ role: 'secondary', serviceGroups: ['voice', 'voice-tenants', 'gvp'], dataStoreSubnetCidr: '10.30.64.0/24', dataStores: ['redis', 'kafka'] })).toThrow(
      'unit "weu1" does not say where postgres (needed by Genesys Voice Platform, Tenant Service); consul (needed by Tenant Service, Voice Microservices); mssql (needed by Genesys Voice Platform) live '
      + '(003 "Third-party dependencies"): add each to the stores (the data subnet 10.30.64.0/24), the in-cluster stores, or the external stores with their range '
      + '(units.yaml dataStores.stores / .inCluster / .external; AksUnit dataStores / inClusterDataStores / externalDataStores)');
  });
  it('accepts stores placed in the subnet, in the cluster and at an external range, and opens egress to the external one', () => {
    const json = synthesizeAksUnit({
      ...AKS_PRIMARY, role: 'secondary', serviceGroups: ['voice', 'voice-tenants', 'gvp'], egressLockdown: true,
      dataStoreSubnetCidr: '10.30.64.0/24', dataStores: ['redis', 'kafka', 'postgres'], inClusterDataStores: ['consul'], externalDataStores: { mssql: ['192.0.2.14/32'] },
    });
    const toMssql = Object.values(resourcesOf(json, 'azurerm_network_security_group')).flatMap((nsg) => nsg.security_rule)
      .filter((r: TerraformJson) => r.direction === 'Outbound' && [r.destination_address_prefix, ...(r.destination_address_prefixes ?? [])].includes('192.0.2.14/32'))
      .map((r: TerraformJson) => [r.access, r.protocol, r.destination_port_range ?? r.destination_port_ranges.join(',')]);
    // 003 "List by service", Genesys Voice Platform: TCP 1433 (MS SQL Server); once per pool that runs the services.
    expect(new Set(toMssql.map((rule: string[]) => rule.join(' ')))).toEqual(new Set(['Allow Tcp 1433']));
  });

  it('fails when sbcRtpPortRange is not a port range', () => {
    expect(fails({ sbcRtpPortRange: '16384:32767' })).toThrow('sbcRtpPortRange "16384:32767" is not a port range: write the SBC\'s media range as "16384-32767"');
  });

  it('fails when a peer\'s data-store subnet has host bits set', () => {
    expect(fails({ peerUnits: [{ ...AKS_PRIMARY.peerUnits![0], dataStoreSubnetCidr: '10.41.64.1/24' }] })).toThrow('peer unit "neu1" dataStoreSubnetCidr "10.41.64.1/24" has host bits set: write the network address "10.41.64.0/24"');
  });
  it('fails when a peer VNet overlaps the unit', () => {
    expect(fails({ peerUnits: [{ unitName: 'neu1', vnetId: 'x', vnetCidr: '10.30.0.0/16' }] })).toThrow('vnetCidr 10.30.0.0/16 overlaps vnetCidr 10.30.0.0/16 of unit "neu1"');
  });
});

describe('one unit per stack, whatever the cloud', () => {
  it('fails when an AksUnit joins a stack that holds a GkeUnit', () => {
    expect(() => constructGkeAndAksUnitInOneStack({ ...PRIMARY, peerUnits: undefined }, { ...AKS_PRIMARY, peerUnits: undefined })).toThrow(
      'stack "shared" already holds a unit: put each unit in its own stack (a unit\'s metadata and Kubernetes provider are per stack)');
  });
});
