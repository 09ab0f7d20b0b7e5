import { singleCluster } from '../../../policies/aks/single-cluster';
import { cluster, compliantUnit, expectInBothShapes, unitWith } from './aks-fixtures';

describe('aks.single-cluster', () => {
  it('passes one cluster', () => {
    expectInBothShapes(singleCluster, compliantUnit(), () => []);
  });

  it('fails a second cluster in the stack', () => {
    const message = 'the stack declares 2 AKS clusters (azurerm_kubernetes_cluster.unit, azurerm_kubernetes_cluster.second): a unit\'s private edition services run in one cluster; move other clusters to their own stacks';
    expectInBothShapes(singleCluster, unitWith((d) => { d.resource.azurerm_kubernetes_cluster.second = { ...structuredClone(cluster(d)), name: 'weu1-second' }; }), () => [
      { address: 'azurerm_kubernetes_cluster.unit', path: 'resource.azurerm_kubernetes_cluster.unit', message },
      { address: 'azurerm_kubernetes_cluster.second', path: 'resource.azurerm_kubernetes_cluster.second', message },
    ]);
  });
});
