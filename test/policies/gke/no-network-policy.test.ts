import { noNetworkPolicy } from '../../../policies/gke/no-network-policy';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';
const NOT_SUPPORTED = 'network policies are not supported; all pod traffic between namespaces must be allowed';

describe('gke.no-network-policy', () => {
  it('passes a cluster that enforces no network policy', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/compliant.json')).toEqual([]);
  });

  it('fails when network_policy.enabled is true', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/network-policy-enabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.network_policy.enabled`,
      message: `network_policy.enabled is true, which enables network policy enforcement (Calico): ${NOT_SUPPORTED}`,
    }));
  });

  it('fails when the network policy add-on is enabled', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/addon-enabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.network_policy_config.disabled`,
      message: `addons_config.network_policy_config.disabled is false, which enables the network policy add-on: ${NOT_SUPPORTED}`,
    }));
  });

  it('fails on Dataplane V2', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/dataplane-v2.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.datapath_provider`,
      message: `datapath_provider is "ADVANCED_DATAPATH", which selects GKE Dataplane V2, which always enforces network policy: ${NOT_SUPPORTED}`,
    }));
  });

  it('fails on Cilium cluster-wide network policies', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/cilium-clusterwide.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.enable_cilium_clusterwide_network_policy`,
      message: `enable_cilium_clusterwide_network_policy is true, which enables Cilium cluster-wide network policies: ${NOT_SUPPORTED}`,
    }));
  });

  it('fails on FQDN network policies', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/fqdn.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.enable_fqdn_network_policy`,
      message: `enable_fqdn_network_policy is true, which enables FQDN network policies: ${NOT_SUPPORTED}`,
    }));
  });

  it('cannot verify a dataplane unknown until apply (and reads the plan\'s nested lists)', () => {
    expect(violations(noNetworkPolicy, 'gke/no-network-policy/dataplane-unknown.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.datapath_provider',
      message: 'cannot verify that network policy is not enforced: datapath_provider is unknown until apply',
      cannotVerify: true,
    }));
  });
});
