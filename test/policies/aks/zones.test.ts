import { zones } from '../../../policies/aks/zones';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, pool, THIRD_PARTY, unitWith } from './aks-fixtures';

describe('aks.zones', () => {
  it('passes pools across three zones', () => {
    expectInBothShapes(zones, compliantUnit(), () => []);
  });

  it('fails one zone, and a pool without zones', () => {
    expectInBothShapes(zones, unitWith((d) => { cluster(d).default_node_pool.zones = ['1']; delete pool(d, 'thirdparty').zones; }), (shape) => [
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'default_node_pool', 'zones'), message: 'the default node pool "general" of azurerm_kubernetes_cluster.unit spans 1 zone (1): spread it over at least 3 availability zones (zones = ["1", "2", "3"])' },
      { address: THIRD_PARTY, path: pathIn(shape, THIRD_PARTY, 'zones'), message: 'node pool "thirdparty" sets no zones, so its nodes have no zone placement: spread it over at least 3 availability zones (zones = ["1", "2", "3"])' },
    ]);
  });
});
