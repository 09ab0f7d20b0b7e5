import { FLOW_EVALUATORS } from '../../lib/flow-evaluators';
import { StackInput } from '../../lib/policy/model';
import { resourcesOfType } from '../../lib/policy/values';
import { GKE_CLUSTER, GKE_NODE_POOL, hostsUnit } from './stack';

/**
 * Why a built-in pack has nothing to check in a stack (Rule.notApplicable), so that an estate of mixed stacks
 * (GKE and AKS units, network-only stacks, stacks of Kubernetes objects) reports a pack's rules on a stack
 * they cannot concern as skipped, not passed. Each says what the pack's rules read and the stack lacks.
 */

export function gkeNotApplicable(stack: StackInput): string | undefined {
  const builds = resourcesOfType(stack, GKE_CLUSTER).length > 0 || resourcesOfType(stack, GKE_NODE_POOL).length > 0;
  return builds ? undefined : 'the stack has no GKE cluster or node pool (google_container_cluster, google_container_node_pool)';
}

export function aksNotApplicable(stack: StackInput): string | undefined {
  const builds = resourcesOfType(stack, 'azurerm_kubernetes_cluster').length > 0 || resourcesOfType(stack, 'azurerm_kubernetes_cluster_node_pool').length > 0;
  return builds ? undefined : 'the stack has no AKS cluster or node pool (azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool)';
}

export function kubernetesNotApplicable(stack: StackInput): string | undefined {
  return hostsUnit(stack) ? undefined : 'the stack manages no Kubernetes objects and is not a cxunit unit';
}

export function networkNotApplicable(stack: StackInput): string | undefined {
  const reads = stack.boundaries !== undefined || FLOW_EVALUATORS.some((evaluator) => evaluator.appliesTo(stack));
  return reads ? undefined : 'the stack has no firewall rule, security group, cluster or node pool, and no unit metadata';
}
