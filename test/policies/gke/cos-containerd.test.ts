import { cosContainerd } from '../../../policies/gke/cos-containerd';
import { expected, violations } from './stack-fixtures';

describe('gke.cos-containerd', () => {
  it('passes COS_CONTAINERD in any case, and an unset image_type (GKE\'s default)', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/compliant.json')).toEqual([]);
  });

  it('fails on a node pool with another image', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/ubuntu-pool.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'resource.google_container_node_pool.general.node_config.image_type',
      message: 'node pool "general" sets node_config.image_type = "UBUNTU_CONTAINERD": Genesys recommends "COS_CONTAINERD"',
    }));
  });

  it('fails on the cluster\'s default pool', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/cluster-default-pool.json')).toEqual(expected({
      address: 'google_container_cluster.unit_cluster',
      path: 'resource.google_container_cluster.unit_cluster.node_config.image_type',
      message: 'the cluster\'s default node pool sets node_config.image_type = "COS": Genesys recommends "COS_CONTAINERD"',
    }));
  });

  it('fails on node auto-provisioning defaults', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/auto-provisioning.json')).toEqual(expected({
      address: 'google_container_cluster.unit_cluster',
      path: 'resource.google_container_cluster.unit_cluster.cluster_autoscaling.auto_provisioning_defaults.image_type',
      message: 'node auto-provisioning sets cluster_autoscaling.auto_provisioning_defaults.image_type = "UBUNTU_CONTAINERD": Genesys recommends "COS_CONTAINERD"',
    }));
  });

  it('fails on the plan shape', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/ubuntu.plan.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'planned_values.root_module.resources[0].values.node_config[0].image_type',
      message: 'node pool "general" sets node_config.image_type = "UBUNTU_CONTAINERD": Genesys recommends "COS_CONTAINERD"',
    }));
  });

  it('cannot verify an unresolved image_type', () => {
    expect(violations(cosContainerd, 'gke/cos-containerd/unresolved.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'resource.google_container_node_pool.general.node_config.image_type',
      message: 'cannot verify the node image of node pool "general": node_config.image_type is an unresolved reference (${var.image_type})',
      cannotVerify: true,
    }));
  });
});
