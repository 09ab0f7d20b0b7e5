import { StackInput, UNKNOWN } from '../../../lib/policy/model';
import { AKS_RULES } from '../../../policies/aks';
import { kubernetesVersion } from '../../../policies/aks/kubernetes-version';
import { noNetworkPolicy } from '../../../policies/aks/no-network-policy';
import { CLUSTER, compliantUnit, stackOf } from './aks-fixtures';

/**
 * The compliant unit as a plan shows it (blocks as arrays, format "plan") when the configuration leaves
 * `kubernetes_version` and `network_profile.network_policy` unset: azurerm computes both, so the plan
 * says "known after apply". With no expression behind them they are AKS's defaults, not unknowns.
 */
function planWith(references: Record<string, string[]>): StackInput {
  const arrays = stackOf(compliantUnit(), 'arrays');
  const resources = arrays.resources.map((resource) => {
    if (resource.address !== CLUSTER) return resource;
    const values = structuredClone(resource.values) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    values.kubernetes_version = UNKNOWN;
    values.network_profile[0].network_policy = UNKNOWN;
    return { ...resource, values, references };
  });
  return { ...arrays, format: 'plan', resources };
}

describe('the aks pack on a plan', () => {
  it('passes values azurerm computes when the configuration leaves them unset', () => {
    expect(AKS_RULES.flatMap((rule) => rule.evaluate(planWith({})))).toEqual([]);
  });

  it('cannot verify the same values when an expression sets them', () => {
    const stack = planWith({ kubernetes_version: ['var.kubernetes_version'], network_profile: ['var.network_policy'] });
    expect(kubernetesVersion.evaluate(stack).map((v) => [v.path, v.cannotVerify])).toEqual([['resource.azurerm_kubernetes_cluster.unit.kubernetes_version', true]]);
    expect(noNetworkPolicy.evaluate(stack).map((v) => [v.path, v.cannotVerify])).toEqual([['resource.azurerm_kubernetes_cluster.unit.network_profile[0].network_policy', true]]);
  });
});
