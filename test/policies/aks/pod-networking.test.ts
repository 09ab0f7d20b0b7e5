import { podNetworking } from '../../../policies/aks/pod-networking';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, unitWith } from './aks-fixtures';

const FIX = 'the SBC must reach pod IPs directly; use network_plugin "azure" without overlay';

describe('aks.pod-networking', () => {
  it('passes Azure CNI without overlay', () => {
    expectInBothShapes(podNetworking, compliantUnit(), () => []);
  });

  it('fails kubenet', () => {
    expectInBothShapes(podNetworking, unitWith((d) => { cluster(d).network_profile.network_plugin = 'kubenet'; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_plugin'),
      message: `network_profile.network_plugin is "kubenet", whose pods sit behind the node address: ${FIX}`,
    }]);
  });

  it('fails a cluster without a network profile (azurerm then uses kubenet)', () => {
    expectInBothShapes(podNetworking, unitWith((d) => { delete cluster(d).network_profile; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile'),
      message: `the cluster sets no network_profile.network_plugin, so azurerm creates it with kubenet, whose pod addresses are not reachable from outside the node: ${FIX}`,
    }]);
  });

  it('fails Azure CNI Overlay', () => {
    expectInBothShapes(podNetworking, unitWith((d) => { Object.assign(cluster(d).network_profile, { network_plugin_mode: 'overlay', pod_cidr: '192.168.0.0/16' }); }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_plugin_mode'),
      message: `network_profile.network_plugin_mode is "overlay": Azure CNI Overlay gives pods private addresses that endpoints outside the cluster cannot reach: ${FIX}`,
    }]);
  });

  it('fails the legacy bridge mode', () => {
    expectInBothShapes(podNetworking, unitWith((d) => { cluster(d).network_profile.network_mode = 'bridge'; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_mode'),
      message: `network_profile.network_mode is "bridge", a legacy mode AKS refuses for new clusters: ${FIX}`,
    }]);
  });

  it('cannot verify a bring-your-own CNI or an unresolved plugin', () => {
    expectInBothShapes(podNetworking, unitWith((d) => { cluster(d).network_profile.network_plugin = 'none'; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_plugin'), cannotVerify: true,
      message: 'cannot verify that pods get virtual-network addresses: network_plugin is "none" (bring your own CNI), which the Terraform does not describe',
    }]);
    expectInBothShapes(podNetworking, unitWith((d) => { cluster(d).network_profile.network_plugin = '${var.plugin}'; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'network_profile', 'network_plugin'), cannotVerify: true,
      message: `cannot verify that pods get virtual-network addresses: ${shape === 'arrays' ? 'network_profile[0]' : 'network_profile'}.network_plugin is an unresolved reference (\${var.plugin})`,
    }]);
  });
});
