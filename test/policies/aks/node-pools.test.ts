import { nodePools } from '../../../policies/aks/node-pools';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, pool, REALTIME, THIRD_PARTY, unitWith } from './aks-fixtures';

const REFERENCE = 'Setting up Genesys Multicloud CX Private Edition, Deployment > Node pools, row "General node pool"';
const ref = (row: string) => REFERENCE.replace('General node pool', row);

describe('aks.node-pools', () => {
  it('passes the documented pools', () => {
    expectInBothShapes(nodePools, compliantUnit(), () => []);
  });

  it('fails an 8:1 general pool', () => {
    expectInBothShapes(nodePools, unitWith((d) => { cluster(d).default_node_pool.vm_size = 'Standard_E8s_v5'; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'default_node_pool', 'vm_size'), reference: ref('General node pool'),
      message: 'the default node pool "general" of azurerm_kubernetes_cluster.unit: VM size "Standard_E8s_v5" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a size such as "Standard_D8s_v5"',
    }]);
  });

  it('fails a real-time size that cannot use Premium SSD, and a third-party size without NVMe', () => {
    expectInBothShapes(nodePools, unitWith((d) => { pool(d, 'realtime').vm_size = 'Standard_D8_v5'; pool(d, 'thirdparty').vm_size = 'Standard_E8s_v5'; }), (shape) => [
      { address: REALTIME, path: pathIn(shape, REALTIME, 'vm_size'), reference: ref('Real-time node pool'), message: 'node pool "realtime": VM size "Standard_D8_v5" cannot use Premium SSD (no "s" in the size name), but the real-time node pool needs Premium SSD (003 "Deployment > Node pools"): use a size such as "Standard_D8s_v5"' },
      { address: THIRD_PARTY, path: pathIn(shape, THIRD_PARTY, 'vm_size'), reference: ref('Third-party service node pool (optional)'), message: 'node pool "thirdparty": VM size "Standard_E8s_v5" has no directly attached NVMe disk, but the third-party node pool needs directly attached NVMe (003 "Deployment > Node pools"): use a size such as "Standard_L8s_v3"' },
    ]);
  });

  it('fails an ephemeral OS disk', () => {
    expectInBothShapes(nodePools, unitWith((d) => { pool(d, 'realtime').os_disk_type = 'Ephemeral'; pool(d, 'realtime').vm_size = 'Standard_D8ds_v5'; }), (shape) => [{
      address: REALTIME, path: pathIn(shape, REALTIME, 'os_disk_type'), reference: ref('Real-time node pool'),
      message: 'node pool "realtime" sets os_disk_type = "Ephemeral": the OS runs on the VM\'s local disk, not on Premium SSD; use "Managed"',
    }]);
  });

  it('fails a pool that may scale below one node per zone', () => {
    expectInBothShapes(nodePools, unitWith((d) => { pool(d, 'realtime').min_count = 0; }), (shape) => [{
      address: REALTIME, path: pathIn(shape, REALTIME, 'min_count'), reference: ref('Real-time node pool'),
      message: 'node pool "realtime" keeps min_count = 0 across 3 zones: keep at least one node per zone (min_count >= 3)',
    }]);
  });

  it('fails a missing real-time pool, and cannot verify a size it does not know', () => {
    expectInBothShapes(nodePools, unitWith((d) => { delete d.resource.azurerm_kubernetes_cluster_node_pool.realtime; cluster(d).default_node_pool.vm_size = 'Standard_B4ms'; }), (shape) => [
      { address: 'stack', path: 'resource.azurerm_kubernetes_cluster_node_pool', reference: ref('Real-time node pool'), message: 'the real-time node pool is missing: add a pool labelled genesys.com/node-pool=realtime, which the documented deployment requires' },
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'default_node_pool', 'vm_size'), reference: ref('General node pool'), cannotVerify: true, message: 'the default node pool "general" of azurerm_kubernetes_cluster.unit: VM size "Standard_B4ms" is not in cxunit\'s VM size table: use a size of Standard_D{n}s_v5, Standard_D{n}ds_v5, Standard_D{n}as_v5, Standard_D{n}ads_v5, Standard_D{n}s_v4, Standard_D{n}ds_v4 (e.g. "Standard_D8s_v5"), or add its series to lib/azure/vm-sizes.ts' },
    ]);
  });
});
