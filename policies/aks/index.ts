import { Rule } from '../../lib/policy/model';
import { csiDrivers } from './csi-drivers';
import { kubernetesVersion } from './kubernetes-version';
import { noNetworkPolicy } from './no-network-policy';
import { noServiceMeshAddon } from './no-service-mesh-addon';
import { nodePools } from './node-pools';
import { podNetworking } from './pod-networking';
import { realtimeDrain } from './realtime-drain';
import { singleCluster } from './single-cluster';
import { zones } from './zones';

/** The aks rule pack, in the order the rules are reported. */
export const AKS_RULES: readonly Rule[] = [
  podNetworking,
  noNetworkPolicy,
  noServiceMeshAddon,
  csiDrivers,
  nodePools,
  realtimeDrain,
  zones,
  singleCluster,
  kubernetesVersion,
];
