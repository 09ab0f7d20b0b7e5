import { Construct } from 'constructs';
import { ContainerNodePool, ContainerNodePoolConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { Catalog } from '../architecture/catalog';
import { NodePoolKind } from '../architecture/types';
import { GKE_DISK_TYPES } from './machine-types';

/**
 * Node label naming the pool, for the services' Helm `nodeSelector` overrides (003 "Deployment > Node
 * pools": "Our Helm charts include overrides for the nodeSelector attribute"); the real-time pool's
 * taint uses the same key, so voice services tolerate `genesys.com/node-pool=realtime:NoSchedule`.
 */
export const NODE_POOL_LABEL = 'genesys.com/node-pool';

/** Label value and pool-name suffix of each kind. */
export const NODE_POOL_NAMES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'realtime', thirdParty: 'third-party' };

/** Network tag of a unit's node pool: firewall rules target pools by it. */
export function nodePoolTag(unitName: string, kind: NodePoolKind): string {
  return `${unitName}-${NODE_POOL_NAMES[kind]}`;
}

export interface NodePoolSettings {
  readonly machineType: string;
  readonly minNodesPerZone: number;
  readonly maxNodesPerZone: number;
}

export interface UnitNodePoolsProps {
  readonly unitName: string;
  readonly project: string;
  readonly region: string;
  readonly zones: string[];
  /** The cluster's name. */
  readonly cluster: string;
  readonly catalog: Catalog;
  /** Email of the nodes' service account. */
  readonly serviceAccountEmail: string;
  readonly diskSizeGb: number;
  readonly general: NodePoolSettings;
  readonly realtime: NodePoolSettings & { readonly drainMinutes: number };
  /** @default - no third-party pool */
  readonly thirdParty?: NodePoolSettings & { readonly localSsdCount: number };
}

/**
 * The node pools of 003 "Deployment > Node pools": general, real-time (tainted, upgraded blue-green
 * so that voice sessions drain) and the optional third-party pool (local NVMe SSD). Every pool is
 * regional, autoscaled per zone with at least one node per zone, COS with containerd, shielded, pd-ssd.
 */
export class UnitNodePools extends Construct {
  readonly general: ContainerNodePool;
  readonly realtime: ContainerNodePool;
  readonly thirdParty?: ContainerNodePool;
  /** Network tag of each pool, by kind. */
  readonly nodeTags: Readonly<Partial<Record<NodePoolKind, string>>>;

  constructor(scope: Construct, id: string, props: UnitNodePoolsProps) {
    super(scope, id);
    const tags: Partial<Record<NodePoolKind, string>> = {};
    const pool = (kind: NodePoolKind, settings: NodePoolSettings, extra: Partial<ContainerNodePoolConfig> & { localSsdCount?: number } = {}) => {
      const spec = props.catalog.nodePool(kind);
      tags[kind] = nodePoolTag(props.unitName, kind);
      const { localSsdCount, ...config } = extra;
      return new ContainerNodePool(this, NODE_POOL_NAMES[kind], {
        project: props.project,
        name: NODE_POOL_NAMES[kind],
        cluster: props.cluster,
        location: props.region,
        nodeLocations: props.zones,
        initialNodeCount: settings.minNodesPerZone,
        // Per zone: a regional pool's bounds apply to each of its zones.
        autoscaling: { minNodeCount: settings.minNodesPerZone, maxNodeCount: settings.maxNodesPerZone, locationPolicy: 'BALANCED' },
        management: { autoRepair: true, autoUpgrade: true },
        upgradeSettings: { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
        ...config,
        nodeConfig: {
          machineType: settings.machineType,
          // 003 "Deployment > Node pools": Premium SSD.
          diskType: GKE_DISK_TYPES[spec.disk],
          diskSizeGb: props.diskSizeGb,
          // 003 "GKE > Notes on what is supported": Container-Optimized OS with containerd.
          imageType: 'COS_CONTAINERD',
          serviceAccount: props.serviceAccountEmail,
          oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
          labels: { [NODE_POOL_LABEL]: NODE_POOL_NAMES[kind] },
          tags: [tags[kind]!],
          metadata: { 'disable-legacy-endpoints': 'true' },
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
          ...(kind === 'realtime' ? { taint: [{ key: NODE_POOL_LABEL, value: NODE_POOL_NAMES.realtime, effect: 'NO_SCHEDULE' }] } : {}),
          ...(localSsdCount !== undefined ? { localNvmeSsdBlockConfig: { localSsdCount } } : {}),
        },
      });
    };

    this.general = pool('general', props.general);
    // 003: voice services "require a drain time of 60 minutes or longer". Blue-green keeps the old
    // nodes (cordoned) for the soak, draining one node at a time, and can roll back until it ends.
    this.realtime = pool('realtime', props.realtime, {
      upgradeSettings: {
        strategy: 'BLUE_GREEN',
        blueGreenSettings: {
          nodePoolSoakDuration: `${props.realtime.drainMinutes * 60}s`,
          standardRolloutPolicy: { batchNodeCount: 1, batchSoakDuration: '0s' },
        },
      },
    });
    if (props.thirdParty) {
      this.thirdParty = pool('thirdParty', props.thirdParty, { localSsdCount: props.thirdParty.localSsdCount });
    }
    this.nodeTags = tags;
  }
}
