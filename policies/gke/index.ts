import { Rule } from '../../lib/policy/model';
import { cosContainerd } from './cos-containerd';
import { filestoreCsi } from './filestore-csi';
import { kubernetesVersion } from './kubernetes-version';
import { lbFirewallReconciliation } from './lb-firewall-reconciliation';
import { noAutopilot } from './no-autopilot';
import { noCmek } from './no-cmek';
import { noGkeIngress } from './no-gke-ingress';
import { noNetworkPolicy } from './no-network-policy';
import { noSandbox } from './no-sandbox';
import { noServiceMeshAddon } from './no-service-mesh-addon';
import { nodePools } from './node-pools';
import { publicCluster } from './public-cluster';
import { realtimeDrain } from './realtime-drain';
import { regional } from './regional';
import { singleCluster } from './single-cluster';
import { unitPeering } from './unit-peering';
import { vpcNative } from './vpc-native';

/** The gke rule pack, in the order the rules are reported. */
export const GKE_RULES: readonly Rule[] = [
  noAutopilot,
  vpcNative,
  publicCluster,
  noSandbox,
  noCmek,
  noServiceMeshAddon,
  noGkeIngress,
  lbFirewallReconciliation,
  noNetworkPolicy,
  filestoreCsi,
  cosContainerd,
  nodePools,
  realtimeDrain,
  regional,
  singleCluster,
  unitPeering,
  kubernetesVersion,
];
