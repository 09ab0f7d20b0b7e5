import { noNetworkPolicies } from '../../../policies/kubernetes/no-network-policies';
import { expected, violations } from '../gke/stack-fixtures';

const REMOVE = 'network policies are not supported and all pod traffic between namespaces must be allowed; remove it';

describe('kubernetes.no-network-policies', () => {
  it('leaves an AKS stack\'s own NetworkPolicy alone: 003\'s AKS-applicable text lets customers write their own', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/aks-own-policy.json')).toEqual([]);
  });

  it('passes Kubernetes objects that are not network policies', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/compliant.json')).toEqual([]);
  });

  it('fails typed network policy resources (current and deprecated)', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/typed-policies.json')).toEqual(expected(
      {
        address: 'kubernetes_network_policy_v1.deny_all',
        path: 'resource.kubernetes_network_policy_v1.deny_all',
        message: `kubernetes_network_policy_v1.deny_all declares a NetworkPolicy: ${REMOVE}`,
      },
      {
        address: 'kubernetes_network_policy.allow_gws',
        path: 'resource.kubernetes_network_policy.allow_gws',
        message: `kubernetes_network_policy.allow_gws declares a NetworkPolicy: ${REMOVE}`,
      },
    ));
  });

  it('fails a NetworkPolicy manifest', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/manifest-policy.json')).toEqual(expected({
      address: 'kubernetes_manifest.deny_all',
      path: 'resource.kubernetes_manifest.deny_all.manifest.kind',
      message: `kubernetes_manifest.deny_all declares a NetworkPolicy: ${REMOVE}`,
    }));
  });

  it('fails a CNI network policy manifest (Cilium)', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/cilium-policy.json')).toEqual(expected({
      address: 'kubernetes_manifest.isolate_voice',
      path: 'resource.kubernetes_manifest.isolate_voice.manifest.kind',
      message: `kubernetes_manifest.isolate_voice declares a CiliumNetworkPolicy: ${REMOVE}`,
    }));
  });

  it('fails a network policy in the plan shape', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/policy.plan.json')).toEqual(expected({
      address: 'kubernetes_network_policy_v1.deny_all',
      path: 'planned_values.root_module.resources[0].values',
      message: `kubernetes_network_policy_v1.deny_all declares a NetworkPolicy: ${REMOVE}`,
    }));
  });

  it('cannot verify a manifest whose kind is unresolved', () => {
    expect(violations(noNetworkPolicies, 'kubernetes/no-network-policies/manifest-unreadable.json')).toEqual(expected({
      address: 'kubernetes_manifest.from_file',
      path: 'resource.kubernetes_manifest.from_file.manifest.kind',
      message: 'cannot verify that the manifest is not a network policy: manifest.kind is an unresolved reference (${local.kind})',
      cannotVerify: true,
    }));
  });
});
