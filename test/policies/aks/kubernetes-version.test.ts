import { kubernetesVersion } from '../../../policies/aks/kubernetes-version';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, pool, THIRD_PARTY, unitWith } from './aks-fixtures';

const REFERENCE = 'Setting up Genesys Multicloud CX Private Edition, Software requirements > Private edition general prerequisites, row "Kubernetes 1.25"';

describe('aks.kubernetes-version', () => {
  it('passes 1.32 and a pool that follows the control plane', () => {
    expectInBothShapes(kubernetesVersion, compliantUnit(), () => []);
  });

  it('fails Kubernetes 1.24 on the cluster and on a pool', () => {
    expectInBothShapes(kubernetesVersion, unitWith((d) => { cluster(d).kubernetes_version = '1.24'; pool(d, 'thirdparty').orchestrator_version = '1.24.9'; }), (shape) => [
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'kubernetes_version'), reference: REFERENCE, message: 'the cluster sets kubernetes_version = "1.24": private edition needs Kubernetes 1.25 or later' },
      { address: THIRD_PARTY, path: pathIn(shape, THIRD_PARTY, 'orchestrator_version'), reference: REFERENCE, message: 'node pool "thirdparty" sets orchestrator_version = "1.24.9": private edition needs Kubernetes 1.25 or later' },
    ]);
  });
});
