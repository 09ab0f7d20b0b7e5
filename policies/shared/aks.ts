import { NodePoolKind } from '../../lib/architecture/types';
import { StackInput, TerraformResource } from '../../lib/policy/model';
import { PathStep, read, resourcesOf } from '../../lib/policy/values';
import { UnknownRead } from './findings';
import { NODE_POOL_LABEL, NODE_POOL_LABEL_VALUES, PoolKind } from './node-pools';

export const AKS_CLUSTER = 'azurerm_kubernetes_cluster';
export const AKS_NODE_POOL = 'azurerm_kubernetes_cluster_node_pool';

export function aksClusters(stack: StackInput): TerraformResource[] {
  return resourcesOf(stack, AKS_CLUSTER);
}

/** Whether the stack builds an AKS cluster (rules that require something to exist apply only then). */
export function buildsAksCluster(stack: StackInput): boolean {
  return aksClusters(stack).length > 0;
}

/**
 * Where an AKS pool's settings live: a cluster's `default_node_pool` block (`at` is `['default_node_pool']`)
 * or an `azurerm_kubernetes_cluster_node_pool` resource (`at` is empty).
 */
export interface AksPoolSite {
  readonly resource: TerraformResource;
  readonly at: readonly PathStep[];
  /** `node pool "realtime"`, `the default node pool "general" of azurerm_kubernetes_cluster.x`. */
  readonly description: string;
}

export function aksPoolSites(stack: StackInput): AksPoolSite[] {
  const sites: AksPoolSite[] = [];
  for (const cluster of aksClusters(stack)) {
    const name = read(cluster, 'default_node_pool', 'name');
    sites.push({ resource: cluster, at: ['default_node_pool'], description: `the default node pool${name.kind === 'value' ? ` "${String(name.value)}"` : ''} of ${cluster.address}` });
  }
  for (const pool of resourcesOf(stack, AKS_NODE_POOL)) {
    const name = read(pool, 'name');
    sites.push({ resource: pool, at: [], description: name.kind === 'value' ? `node pool "${String(name.value)}"` : `node pool ${pool.address}` });
  }
  return sites;
}

const NAME_HINTS: readonly (readonly [string, NodePoolKind])[] = [['realtime', 'realtime'], ['general', 'general'], ['third', 'thirdParty']];

/** Which of 003's pools an AKS pool is: its `genesys.com/node-pool` node label, failing that its name. */
export function aksPoolKind(site: AksPoolSite): PoolKind {
  const label = read(site.resource, ...site.at, 'node_labels', NODE_POOL_LABEL);
  if (label.kind === 'value') {
    const kind = (Object.keys(NODE_POOL_LABEL_VALUES) as NodePoolKind[]).find((k) => NODE_POOL_LABEL_VALUES[k] === label.value);
    return kind ? { kind, by: 'label' } : { kind: 'other' };
  }
  const name = read(site.resource, ...site.at, 'name');
  if (name.kind === 'unknown') return { kind: 'unknown', read: name };
  const normalized = (name.kind === 'value' ? String(name.value) : site.resource.name).toLowerCase().replace(/[^a-z0-9]/g, '');
  const hint = NAME_HINTS.find(([word]) => normalized.includes(word));
  if (hint) return { kind: hint[1], by: 'name' };
  return label.kind === 'unknown' ? { kind: 'unknown', read: label as UnknownRead } : { kind: 'other' };
}

/**
 * Whether an unknown plan value is only azurerm echoing an argument the configuration leaves unset
 * (Optional + Computed attributes such as `kubernetes_version` or `network_profile.network_policy`):
 * the plan says "known after apply", and the argument's expression refers to nothing. Such a value is
 * the default AKS picks, which the rules judge as unset; anything else stays "cannot verify".
 */
export function isComputedDefault(stack: StackInput, resource: TerraformResource, result: UnknownRead, argument: string): boolean {
  return stack.format === 'plan' && result.reason === 'unknown until apply' && (resource.references?.[argument] ?? []).length === 0;
}
