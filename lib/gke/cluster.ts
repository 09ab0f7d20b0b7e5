import { Construct } from 'constructs';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { Catalog } from '../architecture/catalog';

/**
 * How a unit's cluster keeps clear of each feature that 003 "GKE > Not supported" (and "Notes on what
 * is supported") excludes, by catalog key. The construct refuses a catalog whose list has a feature
 * that is not handled here, so a new exclusion in the documents cannot pass unnoticed.
 */
export const UNSUPPORTED_FEATURE_COMPLIANCE: Readonly<Record<string, string>> = {
  'hybrid-or-multi-cluster': 'one GKE cluster per unit on public Google Cloud',
  autopilot: 'enable_autopilot = false (a Standard cluster with its own node pools)',
  sandbox: 'no sandbox_config on any node pool (no gVisor)',
  cmek: 'no database_encryption key, no boot-disk KMS key, no KMS parameter on storage classes',
  'network-policy': 'network_policy disabled, its add-on disabled, and the legacy datapath (no Dataplane V2 enforcement)',
  'service-mesh-addon': 'no Istio add-on and no mesh certificates',
  'gke-ingress': 'addons_config.http_load_balancing disabled: ingress-nginx behind a network load balancer instead',
  'routes-based': 'networking_mode = VPC_NATIVE with alias IP ranges',
  'private-cluster': 'no private_cluster_config: public control plane and nodes',
};

export interface UnitClusterProps {
  readonly unitName: string;
  readonly role: string;
  readonly project: string;
  readonly region: string;
  readonly zones: string[];
  /** The network's id or self link. */
  readonly network: string;
  /** The subnet's id or self link. */
  readonly subnet: string;
  readonly podsRangeName: string;
  readonly servicesRangeName: string;
  readonly releaseChannel: string;
  readonly minMasterVersion?: string;
  readonly deletionProtection: boolean;
  readonly catalog: Catalog;
}

/** The unit's regional GKE Standard cluster, configured as 003 "GKE" prescribes. */
export class UnitCluster extends Construct {
  readonly cluster: ContainerCluster;

  constructor(scope: Construct, id: string, props: UnitClusterProps) {
    super(scope, id);
    const unhandled = props.catalog.unsupportedFeatures.filter((f) => !(f.key in UNSUPPORTED_FEATURE_COMPLIANCE));
    if (unhandled.length > 0) {
      throw new Error(unhandled.map((f) => `unsupported feature "${f.key}" (${f.reference.document.slice(0, 3)} "${f.section}") is not handled by the GKE cluster: add it to UNSUPPORTED_FEATURE_COMPLIANCE in lib/gke/cluster.ts with the setting that keeps it off`).join('\n'));
    }
    this.cluster = new ContainerCluster(this, 'cluster', {
      project: props.project,
      name: `${props.unitName}-gke`,
      description: `cxunit unit ${props.unitName} (${props.role})`,
      // Regional: the control plane and the nodes span the unit's zones.
      location: props.region,
      nodeLocations: props.zones,
      network: props.network,
      subnetwork: props.subnet,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.podsRangeName,
        servicesSecondaryRangeName: props.servicesRangeName,
        stackType: 'IPV4',
      },
      enableAutopilot: false,
      // The node pools are separate resources (lib/gke/node-pools.ts).
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: props.deletionProtection,
      releaseChannel: { channel: props.releaseChannel },
      ...(props.minMasterVersion !== undefined ? { minMasterVersion: props.minMasterVersion } : {}),
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      datapathProvider: 'LEGACY_DATAPATH',
      networkPolicy: { enabled: false },
      addonsConfig: {
        httpLoadBalancing: { disabled: true },
        networkPolicyConfig: { disabled: true },
        horizontalPodAutoscaling: { disabled: false },
        gcePersistentDiskCsiDriverConfig: { enabled: true },
        // 003 "Storage requirements" footnote **: RWX storage needs the Filestore CSI driver, off by default.
        gcpFilestoreCsiDriverConfig: { enabled: true },
      },
      // GKE would otherwise add its own k8s-fw-* rules for ingress-nginx's LoadBalancer Service (its ports from
      // loadBalancerSourceRanges, default 0.0.0.0/0, to every node): the unit's firewall rules are the whole truth.
      disableL4LbFirewallReconciliation: true,
      resourceLabels: { 'cxunit-unit': props.unitName, 'cxunit-role': props.role },
    });
  }
}
