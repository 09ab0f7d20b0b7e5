import { publicCluster } from '../../../policies/gke/public-cluster';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.public-cluster', () => {
  it('passes a public cluster with public nodes and IP endpoint', () => {
    expect(violations(publicCluster, 'gke/public-cluster/compliant.json')).toEqual([]);
  });

  it('fails when the nodes are private', () => {
    expect(violations(publicCluster, 'gke/public-cluster/private-nodes.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.private_cluster_config.enable_private_nodes`,
      message: 'private_cluster_config.enable_private_nodes is true: the nodes have no public IP addresses; only public clusters are tested',
    }));
  });

  it('fails when the control plane endpoint is private', () => {
    expect(violations(publicCluster, 'gke/public-cluster/private-endpoint.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.private_cluster_config.enable_private_endpoint`,
      message: 'private_cluster_config.enable_private_endpoint is true: the control plane has no public endpoint; only public clusters are tested',
    }));
  });

  it('fails when the control plane has no IP endpoint (DNS only)', () => {
    expect(violations(publicCluster, 'gke/public-cluster/dns-only-endpoint.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.control_plane_endpoints_config.ip_endpoints_config.enabled`,
      message: 'control_plane_endpoints_config.ip_endpoints_config.enabled is false: the control plane has no IP endpoint (DNS only); only public clusters are tested',
    }));
  });

  it('fails when a node pool has private nodes', () => {
    expect(violations(publicCluster, 'gke/public-cluster/private-node-pool.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'resource.google_container_node_pool.general.network_config.enable_private_nodes',
      message: 'network_config.enable_private_nodes is true: node pool "general" has no public IP addresses; only public clusters are tested',
    }));
  });

  it('fails on private nodes in a plan (nested blocks as one-element lists)', () => {
    expect(violations(publicCluster, 'gke/public-cluster/private-nodes.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.private_cluster_config[0].enable_private_nodes',
      message: 'private_cluster_config.enable_private_nodes is true: the nodes have no public IP addresses; only public clusters are tested',
    }));
  });

  it('cannot verify an unresolved enable_private_nodes', () => {
    expect(violations(publicCluster, 'gke/public-cluster/private-nodes-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.private_cluster_config.enable_private_nodes`,
      message: 'cannot verify that the cluster is public: private_cluster_config.enable_private_nodes is an unresolved reference (${var.private_nodes})',
      cannotVerify: true,
    }));
  });
});
