import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { UnitRole } from '../gke/gke-unit-props';
import { AksPoolSettings, AKS_POOL_NAMES, MAX_PODS_PER_NODE, NODE_POOL_LABEL, NODE_POOL_NAMES } from './node-pools';

export interface AksClusterProps {
  readonly unitName: string;
  readonly role: UnitRole;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly zones: readonly string[];
  readonly kubernetesVersion?: string;
  readonly identityId: string;
  readonly servicesCidr: string;
  readonly dnsServiceIp: string;
  readonly osDiskSizeGb: number;
  /** The general pool, which is the cluster's default (System) pool. */
  readonly general: AksPoolSettings;
  /** Resources the cluster must wait for (the identity's role assignments). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The unit's AKS cluster. Pod networking is Azure CNI with pod subnets: `network_plugin = "azure"`,
 * no `network_plugin_mode` (overlay hides pod IPs behind the node: 003 "Networking overview > Voice"
 * requires "direct access to the pods IP from SBC"), the `azure` data plane (Cilium always enforces
 * network policy) and no `network_policy` engine (003 "Network settings > Network Policy": "Genesys does
 * not supply or enforce any network policy"). The general pool is the default pool: System mode cannot
 * carry taints in azurerm, which only the real-time pool needs. Disk and Files CSI drivers serve the
 * storage classes of 003 "File and disk storage for AKS".
 */
export class AksCluster extends Construct {
  readonly cluster: KubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const zones = props.zones.length;
    this.cluster = new KubernetesCluster(this, 'cluster', {
      name: `${props.unitName}-aks`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dnsPrefix: props.unitName,
      ...(props.kubernetesVersion !== undefined ? { kubernetesVersion: props.kubernetesVersion } : {}),
      skuTier: 'Standard',
      roleBasedAccessControlEnabled: true,
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      defaultNodePool: {
        name: AKS_POOL_NAMES.general,
        vmSize: props.general.vmSize,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: props.general.minNodesPerZone * zones,
        maxCount: props.general.maxNodesPerZone * zones,
        maxPods: MAX_PODS_PER_NODE,
        osDiskType: 'Managed',
        osDiskSizeGb: props.osDiskSizeGb,
        vnetSubnetId: props.general.nodesSubnetId,
        podSubnetId: props.general.podsSubnetId,
        nodeLabels: { [NODE_POOL_LABEL]: NODE_POOL_NAMES.general },
        temporaryNameForRotation: 'generaltmp',
        ...(props.kubernetesVersion !== undefined ? { orchestratorVersion: props.kubernetesVersion } : {}),
        upgradeSettings: { maxSurge: '33%' },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkDataPlane: 'azure',
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
        serviceCidr: props.servicesCidr,
        dnsServiceIp: props.dnsServiceIp,
      },
      storageProfile: { diskDriverEnabled: true, fileDriverEnabled: true },
      tags: { 'cxunit-unit': props.unitName, 'cxunit-role': props.role },
      dependsOn: [...props.dependsOn],
    });
  }
}
