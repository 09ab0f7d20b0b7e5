/**
 * What a GKE setting is when the Terraform does not set it: the value the google provider (6.50) or GKE
 * itself then applies. The gke rules judge an unset attribute by this table (a plan's unknown values the
 * configuration never set are unset, see lib/policy/plan.ts), and docs/provider-defaults.md is generated
 * from it, so the documented default and the rule's verdict cannot drift apart
 * (test/gcp/provider-defaults.test.ts runs each rule on each unset attribute).
 */

export type DefaultsResource = 'google_container_cluster' | 'google_container_node_pool';

export interface ProviderDefault {
  /** The rule whose verdict on an unset attribute this entry decides. */
  readonly rule: string;
  readonly resource: DefaultsResource;
  /** Attribute path inside the resource (`node_config.image_type`); on node pools also the cluster's default pool. */
  readonly attribute: string;
  /** What applies when it is unset. */
  readonly default: string;
  /** Whether the rule passes the unset attribute (on a Standard cluster). */
  readonly passes: boolean;
  /** Where the default is documented. */
  readonly source: string;
}

const CLUSTER_RESOURCE_DOC = 'google provider docs, google_container_cluster';
const NODE_POOL_RESOURCE_DOC = 'google provider docs, google_container_node_pool';

/** GKE's default boot disk type for nodes. */
export const GKE_DEFAULT_DISK_TYPE = 'pd-balanced';
/** GKE's default node image. */
export const GKE_DEFAULT_IMAGE_TYPE = 'COS_CONTAINERD';

export const PROVIDER_DEFAULTS: readonly ProviderDefault[] = [
  { rule: 'gke.no-autopilot', resource: 'google_container_cluster', attribute: 'enable_autopilot', default: 'false: a Standard cluster', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.vpc-native', resource: 'google_container_cluster', attribute: 'networking_mode', default: 'VPC_NATIVE when ip_allocation_policy is set; Autopilot clusters are always VPC-native', passes: true, source: `${CLUSTER_RESOURCE_DOC} (networking_mode); GKE docs, "Compare GKE Autopilot and Standard" (VPC-native traffic routing is pre-configured in Autopilot)` },
  { rule: 'gke.vpc-native', resource: 'google_container_cluster', attribute: 'ip_allocation_policy', default: 'none: without it a Standard cluster is routes-based (cxunit requires the block even with networking_mode = VPC_NATIVE)', passes: false, source: `${CLUSTER_RESOURCE_DOC} (ip_allocation_policy)` },
  { rule: 'gke.public-cluster', resource: 'google_container_cluster', attribute: 'private_cluster_config.enable_private_nodes', default: 'false: nodes have public IP addresses', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.public-cluster', resource: 'google_container_cluster', attribute: 'private_cluster_config.enable_private_endpoint', default: 'false: the control plane has a public endpoint', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.no-sandbox', resource: 'google_container_node_pool', attribute: 'node_config.sandbox_config', default: 'none: no GKE Sandbox', passes: true, source: NODE_POOL_RESOURCE_DOC },
  { rule: 'gke.no-cmek', resource: 'google_container_cluster', attribute: 'database_encryption.state', default: 'DECRYPTED: secrets are encrypted by Google-managed keys only', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.no-cmek', resource: 'google_container_node_pool', attribute: 'node_config.boot_disk_kms_key', default: 'none: boot disks use Google-managed encryption ("" and null mean the same)', passes: true, source: NODE_POOL_RESOURCE_DOC },
  { rule: 'gke.no-service-mesh-addon', resource: 'google_container_cluster', attribute: 'addons_config.istio_config', default: 'none: the Istio add-on is off', passes: true, source: 'google-beta provider docs, google_container_cluster' },
  { rule: 'gke.no-gke-ingress', resource: 'google_container_cluster', attribute: 'addons_config.http_load_balancing.disabled', default: 'false: the HTTP load balancing add-on (GKE Ingress) runs', passes: false, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.no-network-policy', resource: 'google_container_cluster', attribute: 'network_policy.enabled', default: 'false: no network policy enforcement', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.no-network-policy', resource: 'google_container_cluster', attribute: 'datapath_provider', default: 'LEGACY_DATAPATH on Standard clusters (Dataplane V2 only when asked for)', passes: true, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.filestore-csi', resource: 'google_container_cluster', attribute: 'addons_config.gcp_filestore_csi_driver_config.enabled', default: 'false on Standard clusters; true on Autopilot clusters', passes: false, source: `${CLUSTER_RESOURCE_DOC}; GKE docs, "Access Filestore instances with the Filestore CSI driver" (enabled by default in Autopilot)` },
  { rule: 'gke.cos-containerd', resource: 'google_container_node_pool', attribute: 'node_config.image_type', default: `${GKE_DEFAULT_IMAGE_TYPE}: Container-Optimized OS with containerd`, passes: true, source: 'GKE docs, "Node images" (the default node image)' },
  { rule: 'gke.node-pools', resource: 'google_container_node_pool', attribute: 'node_config.disk_type', default: `${GKE_DEFAULT_DISK_TYPE}`, passes: false, source: NODE_POOL_RESOURCE_DOC },
  { rule: 'gke.node-pools', resource: 'google_container_node_pool', attribute: 'autoscaling.min_node_count', default: '0 per zone (when autoscaling is set)', passes: false, source: NODE_POOL_RESOURCE_DOC },
  { rule: 'gke.realtime-drain', resource: 'google_container_node_pool', attribute: 'upgrade_settings.strategy', default: 'SURGE', passes: false, source: NODE_POOL_RESOURCE_DOC },
  { rule: 'gke.regional', resource: 'google_container_cluster', attribute: 'location', default: 'the provider\'s default location (often a zone)', passes: false, source: CLUSTER_RESOURCE_DOC },
  { rule: 'gke.kubernetes-version', resource: 'google_container_cluster', attribute: 'min_master_version', default: 'the release channel\'s default version (REGULAR channel unless release_channel says otherwise)', passes: true, source: `${CLUSTER_RESOURCE_DOC}; GKE docs, "Release channels"` },
];

/** docs/provider-defaults.md. */
export function providerDefaultsDoc(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '# Provider defaults the gke rules rely on',
    '',
    '<!-- Generated from lib/gcp/provider-defaults.ts by "npm run docs". Do not edit. -->',
    '',
    'When Terraform leaves an attribute unset, the google provider or GKE chooses its value. The gke rules judge an unset',
    'attribute by the default below. In a plan ("terraform show -json"), a value that is unknown until apply but that the',
    'plan\'s `configuration` section does not set is treated as unset, so the default applies; a value the configuration',
    'sets to something computed (a reference, a function call) stays unknown and is reported as cannot-verify.',
    '',
    '| Rule | Resource | Attribute | Default when unset | Unset passes | Source |',
    '| --- | --- | --- | --- | --- | --- |',
    ...PROVIDER_DEFAULTS.map((d) => `| ${d.rule} | ${d.resource} | \`${d.attribute}\` | ${cell(d.default)} | ${d.passes ? 'yes' : 'no'} | ${cell(d.source)} |`),
  ].join('\n');
}
