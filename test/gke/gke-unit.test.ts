import { Catalog } from '../../lib/architecture/catalog';
import { formatPortRange } from '../../lib/architecture/ports';
import { UnitMetadata } from '../../lib/network/boundaries';
import { GOOGLE_HEALTH_CHECK_RANGES } from '../../lib/gcp/health-checks';
import { documentedFlows, DocumentedFlow } from '../../lib/network/documented-flows';
import { GkeUnitProps } from '../../lib/gke/gke-unit-props';
import { NODE_SERVICE_ACCOUNT_ROLES } from '../../lib/gke/node-service-account';
import { UNSUPPORTED_FEATURE_COMPLIANCE } from '../../lib/gke/cluster';
import { onlyResource, resourcesOf, synthesizeGkeUnit, TerraformJson } from '../../lib/testing/synth';
import { PRIMARY } from './example-props';

const catalog = Catalog.default();
const ALL_GROUPS = catalog.serviceGroups.map((g) => g.key);


/** Without the `"//"` construct metadata cdktf adds to every resource. */
function values(resource: TerraformJson): TerraformJson {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== '//'));
}

function metadataOf(json: TerraformJson): UnitMetadata {
  return json['//'].cxunit;
}

/** Every (direction, protocol, port, peer, tag) a stack's allow rules open. */
function openedTuples(json: TerraformJson): string[] {
  const tuples: string[] = [];
  for (const rule of Object.values(resourcesOf(json, 'google_compute_firewall'))) {
    for (const allow of rule.allow ?? []) {
      const ranges: string[] = rule.direction === 'INGRESS' ? rule.source_ranges : rule.destination_ranges;
      for (const port of allow.ports ?? ['']) {
        for (const range of ranges) for (const tag of rule.target_tags) tuples.push(`${rule.direction} ${allow.protocol} ${port} ${range} ${tag}`);
      }
    }
  }
  return [...new Set(tuples)].sort();
}

/** The same tuples from the documented flows, their pool kinds named by the unit's network tags. */
function documentedTuples(flows: readonly DocumentedFlow[], nodeTags: UnitMetadata['boundaries']['nodeTags']): string[] {
  const tuples = flows.flatMap((f) => f.peers.flatMap((peer) => f.targetPools.map((kind) => `${f.direction} ${f.protocol} ${f.ports ? formatPortRange(f.ports) : ''} ${peer} ${nodeTags[kind]}`)));
  return [...new Set(tuples)].sort();
}

function ruleNamed(json: TerraformJson, name: string): TerraformJson {
  const rule = Object.values(resourcesOf(json, 'google_compute_firewall')).find((r) => r.name === name);
  if (!rule) throw new Error(`no firewall rule ${name}`);
  return rule;
}

describe('GkeUnit: a primary unit with SBCs, a peer, a third-party pool and DNS', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthesizeGkeUnit(PRIMARY);
  });

  it('creates a custom-mode VPC and a subnet with named secondary ranges for pods and Services', () => {
    expect(values(onlyResource(json, 'google_compute_network'))).toEqual({
      project: 'acme-cx-usw1', name: 'usw1-vpc', description: 'cxunit unit usw1', auto_create_subnetworks: false, routing_mode: 'REGIONAL',
    });
    const subnet = values(onlyResource(json, 'google_compute_subnetwork'));
    expect(subnet).toEqual({
      project: 'acme-cx-usw1',
      region: 'us-west1',
      name: 'usw1-nodes',
      description: 'cxunit unit usw1: node addresses, with secondary ranges for pods and Services',
      network: expect.stringMatching(/^\$\{google_compute_network\.[\w-]+\.id\}$/),
      ip_cidr_range: '10.10.0.0/20',
      private_ip_google_access: true,
      secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '10.12.0.0/16' }, { range_name: 'services', ip_cidr_range: '10.10.16.0/20' }],
    });
  });

  it('creates a regional, VPC-native, public Standard cluster as 003 "GKE" prescribes', () => {
    const cluster = values(onlyResource(json, 'google_container_cluster'));
    expect(cluster).toEqual({
      project: 'acme-cx-usw1',
      name: 'usw1-gke',
      description: 'cxunit unit usw1 (primary)',
      location: 'us-west1',
      node_locations: ['us-west1-a', 'us-west1-b', 'us-west1-c'],
      network: expect.stringMatching(/^\$\{google_compute_network\.[\w-]+\.self_link\}$/),
      subnetwork: expect.stringMatching(/^\$\{google_compute_subnetwork\.[\w-]+\.self_link\}$/),
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services', stack_type: 'IPV4' },
      enable_autopilot: false,
      remove_default_node_pool: true,
      initial_node_count: 1,
      deletion_protection: true,
      release_channel: { channel: 'REGULAR' },
      enable_shielded_nodes: true,
      enable_legacy_abac: false,
      master_auth: { client_certificate_config: { issue_client_certificate: false } },
      datapath_provider: 'LEGACY_DATAPATH',
      network_policy: { enabled: false },
      addons_config: {
        http_load_balancing: { disabled: true },
        network_policy_config: { disabled: true },
        horizontal_pod_autoscaling: { disabled: false },
        gce_persistent_disk_csi_driver_config: { enabled: true },
        gcp_filestore_csi_driver_config: { enabled: true },
      },
      // GKE adds no k8s-fw-* rules of its own: the unit's firewall rules are all that opens the ingress.
      disable_l4_lb_firewall_reconciliation: true,
      resource_labels: { 'cxunit-unit': 'usw1', 'cxunit-role': 'primary' },
    });
    // Nothing 003 "GKE > Not supported" excludes: no private cluster, sandbox, customer-managed keys.
    for (const key of ['private_cluster_config', 'database_encryption', 'node_config', 'node_pool', 'mesh_certificates']) expect(cluster).not.toHaveProperty(key);
  });

  it('handles every unsupported feature of the catalog', () => {
    expect(catalog.unsupportedFeatures.map((f) => f.key).sort()).toEqual(Object.keys(UNSUPPORTED_FEATURE_COMPLIANCE).sort());
  });

  it('gives the nodes a dedicated service account with least-privilege roles', () => {
    expect(values(onlyResource(json, 'google_service_account'))).toEqual({ project: 'acme-cx-usw1', account_id: 'usw1-gke-nodes', display_name: 'cxunit usw1 GKE nodes' });
    const bindings = Object.values(resourcesOf(json, 'google_project_iam_member')).map(values);
    expect(bindings.map((b) => b.role).sort()).toEqual([
      'roles/artifactregistry.reader', 'roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer', 'roles/stackdriver.resourceMetadata.writer',
    ]);
    expect(NODE_SERVICE_ACCOUNT_ROLES).toHaveLength(5);
    for (const binding of bindings) {
      expect(binding).toEqual({ project: 'acme-cx-usw1', role: binding.role, member: expect.stringMatching(/^\$\{google_service_account\.[\w-]+\.member\}$/) });
    }
  });

  describe('node pools', () => {
    const pool = (name: string) => {
      const found = Object.values(resourcesOf(json, 'google_container_node_pool')).find((p) => p.name === name);
      if (!found) throw new Error(`no node pool ${name}`);
      return values(found);
    };
    const nodeConfig = (machineType: string, kind: string, extra: object = {}) => ({
      machine_type: machineType,
      disk_type: 'pd-ssd',
      disk_size_gb: 100,
      image_type: 'COS_CONTAINERD',
      service_account: expect.stringMatching(/^\$\{google_service_account\.[\w-]+\.email\}$/),
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      labels: { 'genesys.com/node-pool': kind },
      tags: [`usw1-${kind}`],
      metadata: { 'disable-legacy-endpoints': 'true' },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      ...extra,
    });
    const common = {
      project: 'acme-cx-usw1',
      cluster: expect.stringMatching(/^\$\{google_container_cluster\.[\w-]+\.name\}$/),
      location: 'us-west1',
      node_locations: ['us-west1-a', 'us-west1-b', 'us-west1-c'],
      initial_node_count: 1,
      management: { auto_repair: true, auto_upgrade: true },
    };

    it('has exactly general, realtime and third-party', () => {
      expect(Object.values(resourcesOf(json, 'google_container_node_pool')).map((p) => p.name).sort()).toEqual(['general', 'realtime', 'third-party']);
    });

    it('general: 4 GB/vCPU on pd-ssd, at least one node per zone, surge upgrades', () => {
      expect(pool('general')).toEqual({
        ...common,
        name: 'general',
        autoscaling: { min_node_count: 1, max_node_count: 5, location_policy: 'BALANCED' },
        upgrade_settings: { strategy: 'SURGE', max_surge: 1, max_unavailable: 0 },
        node_config: nodeConfig('n2-standard-8', 'general'),
      });
    });

    it('realtime: tainted for voice services, blue-green with a soak of the documented drain time', () => {
      expect(pool('realtime')).toEqual({
        ...common,
        name: 'realtime',
        autoscaling: { min_node_count: 1, max_node_count: 3, location_policy: 'BALANCED' },
        upgrade_settings: {
          strategy: 'BLUE_GREEN',
          blue_green_settings: { node_pool_soak_duration: '3600s', standard_rollout_policy: { batch_node_count: 1, batch_soak_duration: '0s' } },
        },
        node_config: nodeConfig('n2-standard-8', 'realtime', { taint: [{ key: 'genesys.com/node-pool', value: 'realtime', effect: 'NO_SCHEDULE' }] }),
      });
      expect(catalog.nodePool('realtime').minimumDrainMinutes! * 60).toBe(3600);
    });

    it('third-party: 8 GB/vCPU with local NVMe SSD as raw block', () => {
      expect(pool('third-party')).toEqual({
        ...common,
        name: 'third-party',
        autoscaling: { min_node_count: 1, max_node_count: 3, location_policy: 'BALANCED' },
        upgrade_settings: { strategy: 'SURGE', max_surge: 1, max_unavailable: 0 },
        node_config: nodeConfig('n2-highmem-8', 'third-party', { local_nvme_ssd_block_config: { local_ssd_count: 2 } }),
      });
    });
  });

  describe('metadata', () => {
    it('records the boundaries and service groups at the top level of cdk.tf.json', () => {
      const expected: UnitMetadata = {
        boundaries: {
          unit: 'usw1',
          nodeTags: { general: 'usw1-general', realtime: 'usw1-realtime', thirdParty: 'usw1-third-party' },
          unitRanges: ['10.10.0.0/20', '10.12.0.0/16', '10.10.16.0/20'],
          ingress: { sourceRanges: ['0.0.0.0/0'], healthCheckRanges: [...GOOGLE_HEALTH_CHECK_RANGES], healthCheckPort: 10256, targetPools: ['general'] },
          sbc: { sourceRanges: ['192.0.2.0/24'], rtpPortRange: '20000-45000' },
          dataStores: { placement: 'in-cluster' },
          crossRegion: { peerRanges: ['10.20.0.0/20', '10.22.0.0/16'], peerSbcRanges: ['198.51.100.0/24'], peerNetworks: ['projects/acme-cx-use1/global/networks/use1-vpc'] },
          egressLockdown: false,
        },
        serviceGroups: ALL_GROUPS,
      };
      expect(metadataOf(json)).toEqual(expected);
    });

    it('names the node pools\' network tags and the subnet, pods and Services ranges', () => {
      const boundaries = metadataOf(json).boundaries;
      const tags = Object.values(resourcesOf(json, 'google_container_node_pool')).flatMap((p) => p.node_config.tags);
      expect(Object.values(boundaries.nodeTags).sort()).toEqual(tags.sort());
      const subnet = onlyResource(json, 'google_compute_subnetwork');
      expect(boundaries.unitRanges).toEqual([subnet.ip_cidr_range, ...subnet.secondary_ip_range.map((r: { ip_cidr_range: string }) => r.ip_cidr_range)]);
    });
  });

  describe('firewall', () => {
    let flows: readonly DocumentedFlow[];
    beforeAll(() => {
      flows = documentedFlows(catalog, metadataOf(json).boundaries, metadataOf(json).serviceGroups);
    });

    it('opens exactly the documented flows: same protocols, ports, sources and targets', () => {
      expect(openedTuples(json)).toEqual(documentedTuples(flows, metadataOf(json).boundaries.nodeTags));
    });

    it('has one rule per boundary with flows, named after the unit and the boundary', () => {
      const rules = Object.values(resourcesOf(json, 'google_compute_firewall'));
      expect(rules.map((r) => r.name).sort()).toEqual(['usw1-cross-region-ingress', 'usw1-health-check', 'usw1-internet-ingress', 'usw1-sbc-ingress']);
      expect([...new Set(flows.map((f) => f.boundary))].sort()).toEqual(['cross-region-ingress', 'health-check', 'internet-ingress', 'sbc-ingress']);
    });

    it('logs every rule and gives allows priority 1000', () => {
      for (const rule of Object.values(resourcesOf(json, 'google_compute_firewall'))) {
        expect(rule.log_config).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
        expect(rule.priority).toBe(1000);
        expect(rule.project).toBe('acme-cx-usw1');
        expect(rule.network).toMatch(/^\$\{google_compute_network\.[\w-]+\.self_link\}$/);
      }
    });

    it('internet to ingress-nginx: the documented HTTPS port from the allowlist, on the general pool', () => {
      const internet = catalog.connections.filter((c) => c.sourcePlacement === 'internet' && c.destinationPlacement === 'cluster');
      expect([...new Set(internet.flatMap((c) => c.ports))]).toEqual(['443']);
      expect(values(ruleNamed(json, 'usw1-internet-ingress'))).toEqual({
        project: 'acme-cx-usw1',
        network: expect.any(String),
        name: 'usw1-internet-ingress',
        description: 'cxunit unit usw1, internet-ingress: 000_e0528e38664dbd69.txt "Connections table" row 1; 001_77ebb1df80586335.txt "Connections table" row 27; 003_74d96401c83dc4a0.txt "Third-party dependencies for Genesys Multicloud CX services" row Load balancer',
        direction: 'INGRESS',
        priority: 1000,
        allow: [{ protocol: 'tcp', ports: ['443'] }],
        source_ranges: ['0.0.0.0/0'],
        target_tags: ['usw1-general'],
        log_config: { metadata: 'INCLUDE_ALL_METADATA' },
      });
    });

    it('Google health checkers to the health-check port', () => {
      const rule = ruleNamed(json, 'usw1-health-check');
      expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['10256'] }]);
      expect(rule.source_ranges).toEqual(['130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22', '35.191.0.0/16']);
      expect(rule.target_tags).toEqual(['usw1-general']);
      expect(rule.description).toBe('cxunit unit usw1, health-check: 003_74d96401c83dc4a0.txt "Third-party dependencies for Genesys Multicloud CX services" row Load balancer');
    });

    it('SBC to the voice services: the documented SIP ports and the RTP range, on the real-time pool only', () => {
      const sbc = catalog.connections.filter((c) => c.sourcePlacement === 'sbc' && c.destinationPlacement === 'cluster' && !c.crossRegion);
      expect(sbc.map((c) => [c.reference.row, c.protocol, c.ports, c.portConfiguredBy ?? null])).toEqual([
        ['1', 'SIP', ['5080'], null],
        ['12', 'RTP', [], 'negotiated at call setup'],
        ['16', 'RTP', [], 'negotiated at call setup'],
      ]);
      const rule = ruleNamed(json, 'usw1-sbc-ingress');
      expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['5080'] }, { protocol: 'udp', ports: ['5080', '20000-45000'] }]);
      expect(rule.source_ranges).toEqual(['192.0.2.0/24']);
      expect(rule.target_tags).toEqual(['usw1-realtime']);
      expect(rule.description).toBe('cxunit unit usw1, sbc-ingress: 003_74d96401c83dc4a0.txt "Communication ports and protocols: List by service" row Genesys Voice Platform #11; 003_74d96401c83dc4a0.txt "Voice connectivity: Connections" rows 1, 12, 16');
    });

    it('the peer unit to the in-cluster data stores: the documented cross-region connection, on the third-party pool', () => {
      const crossRegion = catalog.connections.filter((c) => c.crossRegion && c.destinationPlacement === 'data-store');
      expect(crossRegion.map((c) => [c.id, c.ports])).toEqual([['tenant-22', ['6379']]]);
      const rule = ruleNamed(json, 'usw1-cross-region-ingress');
      expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['6379'] }]);
      expect(rule.source_ranges).toEqual(['10.20.0.0/20', '10.22.0.0/16']);
      expect(rule.target_tags).toEqual(['usw1-third-party']);
      expect(rule.description).toBe('cxunit unit usw1, cross-region-ingress: 002_0c7a81c9de55e4ae.txt "Connections table" row 22');
    });

    it('describes each rule with every catalog reference it serves', () => {
      for (const flow of flows) {
        const rule = ruleNamed(json, `usw1-${flow.boundary}`);
        for (const reference of flow.references) {
          expect(rule.description).toContain(`${reference.document} "${reference.table}"`);
          expect(rule.description).toMatch(new RegExp(`rows? [^;]*${reference.row.replace(/[#()]/g, '\\$&')}`));
        }
      }
    });

    it('opens nothing for intra-cluster connections', () => {
      const opened = new Set(openedTuples(json).map((t) => t.split(' ')[2]));
      const intraOnly = catalog.connections.filter((c) => c.sourcePlacement === 'cluster' && c.destinationPlacement === 'cluster').flatMap((c) => c.ports);
      // 9100 (voice-sipproxy to voice-config) and 5090 (voice-sipproxy to voice-sip) are intra-cluster only.
      expect(intraOnly).toEqual(expect.arrayContaining(['9100', '5090']));
      expect(opened.has('9100')).toBe(false);
      expect(opened.has('5090')).toBe(false);
      expect(Object.values(resourcesOf(json, 'google_compute_firewall')).every((r) => r.direction === 'INGRESS')).toBe(true);
    });
  });

  it('reserves a regional external address for ingress-nginx and a wildcard DNS record', () => {
    expect(values(onlyResource(json, 'google_compute_address'))).toEqual({
      project: 'acme-cx-usw1',
      region: 'us-west1',
      name: 'usw1-ingress',
      description: 'cxunit unit usw1: external network load balancer of ingress-nginx',
      address_type: 'EXTERNAL',
      network_tier: 'PREMIUM',
    });
    expect(values(onlyResource(json, 'google_dns_record_set'))).toEqual({
      project: 'acme-cx-usw1',
      managed_zone: 'cx-example',
      name: '*.usw1.cx.example.com.',
      type: 'A',
      ttl: 300,
      rrdatas: [expect.stringMatching(/^\$\{google_compute_address\.[\w-]+\.address\}$/)],
    });
  });

  it('configures the Kubernetes provider from the cluster\'s endpoint and CA and Google\'s access token', () => {
    expect(json.provider.kubernetes).toEqual([{
      host: expect.stringMatching(/^https:\/\/\$\{google_container_cluster\.[\w-]+\.endpoint\}$/),
      token: expect.stringMatching(/^\$\{data\.google_client_config\.[\w-]+\.access_token\}$/),
      cluster_ca_certificate: expect.stringMatching(/^\$\{base64decode\(google_container_cluster\.[\w-]+\.master_auth\[0\]\.cluster_ca_certificate\)\}$/),
    }]);
    expect(Object.keys(json.data.google_client_config)).toHaveLength(1);
  });

  it('creates redundant-rwx only: GKE creates standard-rwo, premium-rwo and standard-rwx itself', () => {
    const created = Object.values(resourcesOf(json, 'kubernetes_storage_class_v1')).map(values);
    expect(created).toEqual([{
      provider: 'kubernetes',
      metadata: { name: 'redundant-rwx', labels: { 'app.kubernetes.io/managed-by': 'cxunit' } },
      storage_provisioner: 'filestore.csi.storage.gke.io',
      parameters: { tier: 'enterprise', network: 'usw1-vpc' },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
    }]);
    const byCloud = catalog.storageClasses.filter((s) => s.cloud === 'gke' && s.createdByCloud === true).map((s) => s.name);
    expect(byCloud).toEqual(['standard-rwo', 'premium-rwo', 'standard-rwx']);
  });

  it('creates the 22 namespaces of 003\'s naming table', () => {
    const names = Object.values(resourcesOf(json, 'kubernetes_namespace_v1')).map((n) => n.metadata.name).sort();
    expect(names).toEqual([
      'bds', 'cxc', 'designer', 'gauth', 'gca', 'gcxi', 'ges', 'gim', 'gluswfm', 'gsp', 'gvp', 'gws',
      'iwd', 'iwddm', 'iwdem', 'ixn', 'nexus', 'pulse', 'tlm', 'ucsx', 'voice', 'webrtc',
    ]);
  });

  it('creates the documented priority classes with their exact values', () => {
    const classes = Object.values(resourcesOf(json, 'kubernetes_priority_class_v1')).map((c) => [c.metadata.name, c.value, c.global_default]);
    expect(classes.sort()).toEqual([
      ['genesysengage-critical-priority', 10000000, false],
      ['genesysengage-high-priority', 1000000, false],
      ['genesysengage-low-priority', 0, false],
      ['genesysengage-medium-priority', 100000, false],
    ]);
  });

  it('declares no outputs: stacks own them', () => {
    expect(json.output).toBeUndefined();
  });
});

describe('GkeUnit: egress lockdown with managed data stores in a data subnet', () => {
  const props: GkeUnitProps = {
    unitName: 'use1',
    project: 'acme-cx-use1',
    region: 'us-east1',
    zones: ['us-east1-b', 'us-east1-c', 'us-east1-d'],
    subnetCidr: '10.20.0.0/20',
    servicesCidr: '10.20.16.0/20',
    podsCidr: '10.22.0.0/16',
    role: 'secondary',
    sbcSourceRanges: ['198.51.100.0/24'],
    dataStoreSubnetCidr: '10.20.32.0/24',
    dataStores: ['postgres', 'redis', 'kafka', 'mssql'],
    inClusterDataStores: ['consul'],
    peerUnits: [{ unitName: 'usw1', subnetCidr: '10.10.0.0/20', podsCidr: '10.12.0.0/16', servicesCidr: '10.10.16.0/20', sbcSourceRanges: ['192.0.2.0/24'], network: 'projects/acme-cx-usw1/global/networks/usw1-vpc' }],
    egressLockdown: true,
    filestoreReservedCidr: '10.20.48.0/24',
    serviceGroups: ['voice', 'voice-tenants', 'voice-legacy', 'gvp', 'webrtc'],
  };
  let json: TerraformJson;
  let flows: readonly DocumentedFlow[];
  beforeAll(() => {
    json = synthesizeGkeUnit(props);
    flows = documentedFlows(catalog, metadataOf(json).boundaries, metadataOf(json).serviceGroups);
  });

  it('opens exactly the documented flows, egress included', () => {
    expect(openedTuples(json)).toEqual(documentedTuples(flows, metadataOf(json).boundaries.nodeTags));
  });

  it('denies all other egress at priority 65534, below the allows', () => {
    expect(values(ruleNamed(json, 'use1-deny-all-egress'))).toEqual({
      project: 'acme-cx-use1',
      network: expect.any(String),
      name: 'use1-deny-all-egress',
      description: 'cxunit unit use1: egress lockdown; deny all egress that no documented flow (priority 1000 rules) allows',
      direction: 'EGRESS',
      priority: 65534,
      deny: [{ protocol: 'all' }],
      destination_ranges: ['0.0.0.0/0'],
      target_tags: ['use1-general', 'use1-realtime'],
      log_config: { metadata: 'INCLUDE_ALL_METADATA' },
    });
    expect(values(ruleNamed(json, 'use1-deny-all-egress-ipv6'))).toMatchObject({ direction: 'EGRESS', priority: 65534, deny: [{ protocol: 'all' }], destination_ranges: ['::/0'], target_tags: ['use1-general', 'use1-realtime'] });
  });

  it('names one rule per boundary, and splits a boundary whose flows reach different peers', () => {
    const names = Object.values(resourcesOf(json, 'google_compute_firewall')).map((r) => r.name).sort();
    expect(names).toEqual([
      'use1-cross-region-egress', 'use1-cross-region-egress-2', 'use1-data-store-egress', 'use1-deny-all-egress', 'use1-deny-all-egress-ipv6',
      'use1-health-check', 'use1-internet-ingress', 'use1-sbc-egress', 'use1-sbc-ingress', 'use1-storage-egress', 'use1-unit-egress',
    ]);
    expect(values(ruleNamed(json, 'use1-cross-region-egress'))).toMatchObject({ allow: [{ protocol: 'tcp', ports: ['6379'] }], destination_ranges: ['10.10.0.0/20', '10.12.0.0/16'], target_tags: ['use1-general', 'use1-realtime'] });
    expect(values(ruleNamed(json, 'use1-cross-region-egress-2'))).toMatchObject({ allow: [{ protocol: 'udp', ports: ['5060'] }], destination_ranges: ['192.0.2.0/24'], target_tags: ['use1-realtime'] });
  });

  it('opens exactly the documented ports of the stores its services use to the data subnet', () => {
    // MS SQL 1433 (GVP), PostgreSQL 5432 (002 rows 15, 17), Redis 6379 (002 rows 20, 21) and 6380 (the
    // Redis row lists both), Kafka 9092/9093 (002 row 19); Consul runs in the cluster: no rule.
    const rule = ruleNamed(json, 'use1-data-store-egress');
    expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['1433', '5432', '6379', '6380', '9092', '9093'] }]);
    expect(rule.destination_ranges).toEqual(['10.20.32.0/24']);
    expect(rule.direction).toBe('EGRESS');
  });

  it('opens NFS to the reserved Filestore range of redundant-rwx, and the class allocates from it', () => {
    // Google Cloud, Filestore "Configuring firewall rules": 111, 2046, 2049, 2050, 4045 over TCP and UDP.
    expect(values(ruleNamed(json, 'use1-storage-egress'))).toMatchObject({
      direction: 'EGRESS',
      allow: [{ protocol: 'tcp', ports: ['111', '2046', '2049', '2050', '4045'] }, { protocol: 'udp', ports: ['111', '2046', '2049', '2050', '4045'] }],
      destination_ranges: ['10.20.48.0/24'],
      target_tags: ['use1-general', 'use1-realtime'],
      description: 'cxunit unit use1, storage-egress: 003_74d96401c83dc4a0.txt "File and disk storage for GKE" row redundant-rwx**',
    });
    const redundant = Object.values(resourcesOf(json, 'kubernetes_storage_class_v1')).find((c) => c.metadata.name === 'redundant-rwx')!;
    expect(redundant.parameters).toEqual({ tier: 'enterprise', network: expect.any(String), 'reserved-ipv4-cidr': '10.20.48.0/24' });
  });

  it('opens a store\'s documented ports at its external range, and reaches a peer\'s Redis in the peer\'s data subnet (002 #22)', () => {
    const variant = synthesizeGkeUnit({
      ...props,
      dataStores: ['redis', 'kafka', 'postgres'], externalDataStores: { mssql: ['192.0.2.14/32'] },
      peerUnits: [{ ...props.peerUnits![0], dataStoreSubnetCidr: '10.10.32.0/24' }],
    });
    const rules = Object.values(resourcesOf(variant, 'google_compute_firewall'));
    const toRange = (range: string) => rules.filter((r) => (r.destination_ranges as string[] | undefined)?.includes(range)).map((r) => [r.name, r.allow]);
    expect(toRange('192.0.2.14/32')).toEqual([['use1-data-store-egress', [{ protocol: 'tcp', ports: ['1433'] }]]]);
    expect(toRange('10.10.32.0/24')).toEqual([['use1-cross-region-egress', [{ protocol: 'tcp', ports: ['6379'] }]]]);
  });

  it('sends RTP to the SBC\'s declared media range and takes RTP from it on ours (003 voice rows 11, 15 out; 12, 16 in)', () => {
    const declared = synthesizeGkeUnit({ ...props, sbcRtpPortRange: '16384-32767' });
    expect(ruleNamed(declared, 'use1-sbc-egress').allow).toEqual([{ protocol: 'udp', ports: ['5060', '16384-32767'] }]);
    // Declared, the SBC's range is no longer GVP's ports row: only the voice rows justify the rule.
    expect(ruleNamed(declared, 'use1-sbc-egress').description).toBe('cxunit unit use1, sbc-egress: 003_74d96401c83dc4a0.txt "Voice connectivity: Connections" rows 2, 11, 15');
    expect(ruleNamed(declared, 'use1-sbc-ingress').allow).toEqual([{ protocol: 'tcp', ports: ['5080'] }, { protocol: 'udp', ports: ['5080', '20000-45000'] }]);
    expect(metadataOf(declared).boundaries.sbc).toEqual({ sourceRanges: ['198.51.100.0/24'], rtpPortRange: '20000-45000', sbcRtpPortRange: '16384-32767' });
    // Not declared: the SBC is assumed to use our range, and the metadata says nothing more.
    expect(ruleNamed(json, 'use1-sbc-egress').allow).toEqual([{ protocol: 'udp', ports: ['5060', '20000-45000'] }]);
    expect(metadataOf(json).boundaries.sbc).toEqual({ sourceRanges: ['198.51.100.0/24'], rtpPortRange: '20000-45000' });
  });

  it('lets the unit reach itself, and opens no external egress: no service it runs has an external ports row', () => {
    expect(values(ruleNamed(json, 'use1-unit-egress'))).toMatchObject({ allow: [{ protocol: 'all' }], destination_ranges: ['10.20.0.0/20', '10.20.16.0/20', '10.22.0.0/16'] });
    expect(Object.values(resourcesOf(json, 'google_compute_firewall')).filter((r) => r.direction === 'EGRESS' && r.allow && (r.destination_ranges as string[]).includes('0.0.0.0/0'))).toEqual([]);
  });

  it('opens the external egress of the services that need it: SFTP for CX Contact, e-mail for IWD (003 "List by service")', () => {
    const primary = synthesizeGkeUnit({ ...props, role: 'primary', serviceGroups: ['voice', 'cxc', 'iwd'], dataStores: ['postgres', 'redis', 'kafka', 'elasticsearch'] });
    expect(values(ruleNamed(primary, 'use1-external-egress'))).toMatchObject({
      allow: [{ protocol: 'tcp', ports: ['20', '21', '22', '25', '443', '587', '993'] }], destination_ranges: ['0.0.0.0/0'],
      description: 'cxunit unit use1, external-egress: 003_74d96401c83dc4a0.txt "Communication ports and protocols: List by service" rows CX Contact #4, Intelligent Workload Distribution #2',
    });
    // Named peers narrow it, one rule per kind of server, and the metadata records them for the policy.
    const named = synthesizeGkeUnit({ ...props, role: 'primary', serviceGroups: ['voice', 'cxc', 'iwd'], dataStores: ['postgres', 'redis', 'kafka', 'elasticsearch'], mailServerRanges: ['192.0.2.25/32'], sftpServerRanges: ['192.0.2.22/32'] });
    const rules = Object.values(resourcesOf(named, 'google_compute_firewall')).filter((r) => String(r.name).startsWith('use1-external-egress')).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(rules.map((r) => [r.name, r.allow, r.destination_ranges])).toEqual([
      ['use1-external-egress', [{ protocol: 'tcp', ports: ['20', '21', '22'] }], ['192.0.2.22/32']],
      ['use1-external-egress-2', [{ protocol: 'tcp', ports: ['25', '443', '587', '993'] }], ['192.0.2.25/32']],
    ]);
    expect(metadataOf(named).boundaries.externalPeers).toEqual({ mail: ['192.0.2.25/32'], sftp: ['192.0.2.22/32'] });
  });

  it('creates only the namespaces of the enabled service groups, the shared one once', () => {
    expect(Object.values(resourcesOf(json, 'kubernetes_namespace_v1')).map((n) => n.metadata.name).sort()).toEqual(['gvp', 'voice', 'webrtc']);
    expect(metadataOf(json).serviceGroups).toEqual(['voice', 'voice-tenants', 'voice-legacy', 'gvp', 'webrtc']);
    expect(metadataOf(json).boundaries.dataStores).toEqual({ placement: 'subnet', cidr: '10.20.32.0/24', stores: ['postgres', 'redis', 'kafka', 'mssql'], inCluster: ['consul'] });
  });
});

describe('GkeUnit: unit group peering', () => {
  const shared = { existingNetworkName: 'shared-vpc', existingSubnetName: 'cx-usw1', networkProject: 'acme-network-host', podsRangeName: 'usw1-pods', servicesRangeName: 'usw1-services' };

  it('peers the Shared VPC host network with a peer on another network (003 "Unit groups")', () => {
    const json = synthesizeGkeUnit({ ...PRIMARY, ...shared });
    expect(Object.values(resourcesOf(json, 'google_compute_network_peering')).map((p) => [p.name, p.network, p.peer_network])).toEqual([
      ['usw1-to-use1', expect.stringMatching(/^\$\{data\.google_compute_network\.[\w-]+\.self_link\}$/), 'projects/acme-cx-use1/global/networks/use1-vpc'],
    ]);
  });

  it('does not peer a network with itself: a peer on the same host network needs none', () => {
    const json = synthesizeGkeUnit({ ...PRIMARY, ...shared, peerUnits: [{ ...PRIMARY.peerUnits![0], network: 'projects/acme-network-host/global/networks/shared-vpc' }] });
    expect(resourcesOf(json, 'google_compute_network_peering')).toEqual({});
    expect(metadataOf(json).boundaries.crossRegion!.peerNetworks).toEqual([]);
  });
});

describe('GkeUnit: an existing Shared VPC network and subnet', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthesizeGkeUnit({
      ...PRIMARY,
      peerUnits: undefined,
      sbcSourceRanges: undefined,
      thirdPartyMachineType: undefined,
      thirdPartyLocalSsdCount: undefined,
      dnsManagedZone: undefined,
      dnsDomain: undefined,
      existingNetworkName: 'shared-vpc',
      existingSubnetName: 'cx-usw1',
      networkProject: 'acme-network-host',
      podsRangeName: 'usw1-pods',
      servicesRangeName: 'usw1-services',
    });
  });

  it('looks the network and subnet up in the host project instead of creating them', () => {
    expect(resourcesOf(json, 'google_compute_network')).toEqual({});
    expect(resourcesOf(json, 'google_compute_subnetwork')).toEqual({});
    expect(Object.values<TerraformJson>(json.data.google_compute_network).map(values)).toEqual([{ project: 'acme-network-host', name: 'shared-vpc' }]);
    expect(Object.values<TerraformJson>(json.data.google_compute_subnetwork).map(values)).toEqual([{ project: 'acme-network-host', region: 'us-west1', name: 'cx-usw1' }]);
    const cluster = onlyResource(json, 'google_container_cluster');
    expect(cluster.network).toMatch(/^\$\{data\.google_compute_network\.[\w-]+\.self_link\}$/);
    expect(cluster.ip_allocation_policy).toEqual({ cluster_secondary_range_name: 'usw1-pods', services_secondary_range_name: 'usw1-services', stack_type: 'IPV4' });
  });

  it('creates the firewall rules in the host project', () => {
    for (const rule of Object.values(resourcesOf(json, 'google_compute_firewall'))) expect(rule.project).toBe('acme-network-host');
    expect(metadataOf(json).boundaries).not.toHaveProperty('sbc');
    expect(metadataOf(json).boundaries).not.toHaveProperty('crossRegion');
    expect(Object.values(resourcesOf(json, 'google_compute_firewall')).map((r) => r.name).sort()).toEqual(['usw1-health-check', 'usw1-internet-ingress']);
  });

  it('puts redundant-rwx on the Shared VPC through private services access', () => {
    expect(onlyResource(json, 'kubernetes_storage_class_v1').parameters).toEqual({
      tier: 'enterprise', network: 'projects/acme-network-host/global/networks/shared-vpc', 'connect-mode': 'PRIVATE_SERVICE_ACCESS',
    });
    expect(resourcesOf(json, 'google_dns_record_set')).toEqual({});
  });
});

describe('GkeUnit: Z3 third-party nodes use their bundled local SSDs', () => {
  it('asks GKE for all bundled disks (count 0)', () => {
    const json = synthesizeGkeUnit({ ...PRIMARY, thirdPartyMachineType: 'z3-highmem-88', thirdPartyLocalSsdCount: undefined, peerUnits: undefined });
    const pool = Object.values(resourcesOf(json, 'google_container_node_pool')).find((p) => p.name === 'third-party')!;
    expect(pool.node_config.machine_type).toBe('z3-highmem-88');
    expect(pool.node_config.local_nvme_ssd_block_config).toEqual({ local_ssd_count: 0 });
  });
});
