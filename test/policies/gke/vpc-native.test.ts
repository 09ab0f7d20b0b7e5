import { vpcNative } from '../../../policies/gke/vpc-native';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.vpc-native', () => {
  it('passes networking_mode VPC_NATIVE with an ip_allocation_policy', () => {
    expect(violations(vpcNative, 'gke/vpc-native/compliant.json')).toEqual([]);
  });

  it('passes an ip_allocation_policy without networking_mode (the provider then makes a VPC-native cluster)', () => {
    expect(violations(vpcNative, 'gke/vpc-native/compliant-implicit.json')).toEqual([]);
  });

  it('passes a plan whose ip_allocation_policy is a one-element list', () => {
    expect(violations(vpcNative, 'gke/vpc-native/compliant.plan.json')).toEqual([]);
  });

  it('fails when networking_mode is ROUTES', () => {
    expect(violations(vpcNative, 'gke/vpc-native/routes.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.networking_mode`,
      message: 'networking_mode is "ROUTES": routes-based clusters are not supported; set networking_mode = "VPC_NATIVE" with an ip_allocation_policy',
    }));
  });

  it('fails when neither networking_mode nor ip_allocation_policy is set', () => {
    expect(violations(vpcNative, 'gke/vpc-native/neither.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.ip_allocation_policy`,
      message: 'neither networking_mode nor ip_allocation_policy is set, which makes a routes-based cluster: set networking_mode = "VPC_NATIVE" and an ip_allocation_policy',
    }));
  });

  it('fails when VPC_NATIVE has no ip_allocation_policy', () => {
    expect(violations(vpcNative, 'gke/vpc-native/vpc-native-without-policy.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.ip_allocation_policy`,
      message: 'networking_mode is "VPC_NATIVE" but ip_allocation_policy is missing: add an ip_allocation_policy naming the pod and service secondary ranges',
    }));
  });

  it('fails when a plan\'s ip_allocation_policy is an empty list', () => {
    expect(violations(vpcNative, 'gke/vpc-native/empty-policy.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.ip_allocation_policy',
      message: 'networking_mode is "VPC_NATIVE" but ip_allocation_policy is missing: add an ip_allocation_policy naming the pod and service secondary ranges',
    }));
  });

  it('cannot verify an unresolved networking_mode', () => {
    expect(violations(vpcNative, 'gke/vpc-native/mode-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.networking_mode`,
      message: 'cannot verify that the cluster is VPC-native: networking_mode is an unresolved reference (${var.networking_mode})',
      cannotVerify: true,
    }));
  });

  it('cannot verify networking_mode unknown until apply in a plan', () => {
    expect(violations(vpcNative, 'gke/vpc-native/mode-unknown.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.networking_mode',
      message: 'cannot verify that the cluster is VPC-native: networking_mode is unknown until apply',
      cannotVerify: true,
    }));
  });

  it('passes an Autopilot cluster, which is always VPC-native (gke.no-autopilot reports the cluster)', () => {
    expect(violations(vpcNative, 'gke/vpc-native/autopilot.json')).toEqual([]);
  });
});
