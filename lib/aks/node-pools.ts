import { Construct } from 'constructs';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { NodePoolKind } from '../architecture/types';
import { NODE_POOL_LABEL } from '../gke/node-pools';

export { NODE_POOL_LABEL };

/** Pool names: AKS allows 1-12 lowercase letters and digits for Linux pools, so `third-party` becomes `thirdparty`. */
export const AKS_POOL_NAMES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'realtime', thirdParty: 'thirdparty' };
/** Label values and subnet-name parts (the GKE constructs' convention: rules recognise pools by the label). */
export const NODE_POOL_NAMES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'realtime', thirdParty: 'third-party' };

/** Taint of the real-time pool: only voice services (which tolerate it) land there. */
export const REALTIME_TAINT = `${NODE_POOL_LABEL}=realtime:NoSchedule`;

/** Max pods per node with pod subnets (AKS's default for Azure CNI with dynamic pod IP allocation). */
export const MAX_PODS_PER_NODE = 110;

export interface AksPoolSettings {
  readonly vmSize: string;
  readonly minNodesPerZone: number;
  readonly maxNodesPerZone: number;
  readonly nodesSubnetId: string;
  readonly podsSubnetId: string;
}

export interface UnitUserPoolsProps {
  readonly clusterId: string;
  readonly zones: readonly string[];
  readonly osDiskSizeGb: number;
  readonly orchestratorVersion?: string;
  readonly realtime: AksPoolSettings & { readonly drainMinutes: number };
  /** @default - no third-party pool */
  readonly thirdParty?: AksPoolSettings;
}

/**
 * The real-time and third-party pools (the general pool is the cluster's default pool, see cluster.ts).
 * Both span every zone on managed OS disks. The real-time pool is tainted and drains for the catalog's
 * minimum time: AKS waits `drain_timeout_in_minutes` for its pods to terminate and fails the upgrade
 * rather than evicting them when the time runs out; blocked nodes are cordoned, not rescheduled.
 */
export class UnitUserPools extends Construct {
  readonly realtime: KubernetesClusterNodePool;
  readonly thirdParty?: KubernetesClusterNodePool;

  constructor(scope: Construct, id: string, props: UnitUserPoolsProps) {
    super(scope, id);
    const pool = (kind: NodePoolKind, settings: AksPoolSettings, extra: { nodeTaints?: string[]; upgradeSettings: Record<string, unknown> }) =>
      new KubernetesClusterNodePool(this, NODE_POOL_NAMES[kind], {
        name: AKS_POOL_NAMES[kind],
        kubernetesClusterId: props.clusterId,
        mode: 'User',
        vmSize: settings.vmSize,
        zones: [...props.zones],
        autoScalingEnabled: true,
        minCount: settings.minNodesPerZone * props.zones.length,
        maxCount: settings.maxNodesPerZone * props.zones.length,
        maxPods: MAX_PODS_PER_NODE,
        osDiskType: 'Managed',
        osDiskSizeGb: props.osDiskSizeGb,
        vnetSubnetId: settings.nodesSubnetId,
        podSubnetId: settings.podsSubnetId,
        nodeLabels: { [NODE_POOL_LABEL]: NODE_POOL_NAMES[kind] },
        ...(props.orchestratorVersion !== undefined ? { orchestratorVersion: props.orchestratorVersion } : {}),
        ...(extra.nodeTaints ? { nodeTaints: extra.nodeTaints } : {}),
        upgradeSettings: extra.upgradeSettings as never,
      });
    this.realtime = pool('realtime', props.realtime, {
      nodeTaints: [REALTIME_TAINT],
      upgradeSettings: { maxSurge: '1', drainTimeoutInMinutes: props.realtime.drainMinutes, undrainableNodeBehavior: 'Cordon' },
    });
    if (props.thirdParty) this.thirdParty = pool('thirdParty', props.thirdParty, { upgradeSettings: { maxSurge: '1' } });
  }
}
