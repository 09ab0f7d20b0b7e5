import { NodePoolKind } from '../../lib/architecture/types';
import { StackInput, TerraformResource } from '../../lib/policy/model';
import { PathStep, read, resourcesOf } from '../../lib/policy/values';
import { describeSteps, UnknownRead } from './findings';
import { GKE_NODE_POOL, gkeClusters } from './stack';

/**
 * Where a node pool's settings live: a `google_container_node_pool` resource (`at` is empty), one of a
 * cluster's inline `node_pool` blocks (`at` is `['node_pool', i]`), or the cluster's own default pool
 * (`node_config` on the cluster itself, `at` empty).
 */
export interface NodePoolSite {
  readonly resource: TerraformResource;
  readonly at: readonly PathStep[];
  /** How messages name the pool: `node pool "general"`, `the cluster's default node pool`. */
  readonly description: string;
}

/**
 * The node label that says which of 003's pools a node pool is (Helm charts select nodes by label).
 * cxunit's convention, shared with its GKE constructs: `genesys.com/node-pool: general | realtime | third-party`.
 */
export const NODE_POOL_LABEL = 'genesys.com/node-pool';
export const NODE_POOL_LABEL_VALUES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'realtime', thirdParty: 'third-party' };

/** Words in a pool's name that identify its kind when it has no label (`realtime-pool`, `general_pool`, `third-party`). */
const NAME_HINTS: readonly (readonly [string, NodePoolKind])[] = [['realtime', 'realtime'], ['general', 'general'], ['third', 'thirdParty']];

/** Every node pool of the stack: pool resources and clusters' inline pools (not the clusters' default pools). */
export function nodePoolSites(stack: StackInput): NodePoolSite[] {
  const sites: NodePoolSite[] = resourcesOf(stack, GKE_NODE_POOL).map((resource) => site(resource, []));
  for (const cluster of gkeClusters(stack)) {
    // An unknown inline `node_pool` list is skipped: in plans the provider computes it (unknown until apply)
    // whenever the configuration declares no inline pools; the default pool it then holds is configured by
    // the cluster's own node_config, which is checked as the default pool. (A cdk.tf.json whose whole
    // `node_pool` list is one `${...}` reference is skipped too; no cxunit construct writes one.)
    const inline = read(cluster, 'node_pool');
    if (inline.kind !== 'value') continue;
    if (Array.isArray(inline.value)) inline.value.forEach((_, i) => sites.push(site(cluster, ['node_pool', i])));
    else sites.push(site(cluster, ['node_pool']));
  }
  return sites;
}

/** Every place a `node_config` can be: the clusters' default pools and every node pool. */
export function nodeConfigSites(stack: StackInput): NodePoolSite[] {
  const defaults = gkeClusters(stack).map((cluster) => ({ resource: cluster, at: [], description: "the cluster's default node pool" }));
  return [...defaults, ...nodePoolSites(stack)];
}

function site(resource: TerraformResource, at: PathStep[]): NodePoolSite {
  const name = read(resource, ...at, 'name');
  const shown = name.kind === 'value' ? `node pool "${String(name.value)}"` : at.length === 0 ? `node pool ${resource.address}` : 'node pool';
  const where = at.length === 0 ? '' : ` (${describeSteps(at)} of ${resource.address})`;
  return { resource, at, description: `${shown}${where}` };
}

export type PoolKind =
  | { readonly kind: NodePoolKind; readonly by: 'label' | 'name' }
  /** Not one of 003's pools: a label with another value, or no label and a name that names no kind. */
  | { readonly kind: 'other' }
  /** Neither the label nor the name can be read. */
  | { readonly kind: 'unknown'; readonly read: UnknownRead };

/** Which of 003's pools a node pool is: by its `genesys.com/node-pool` label, failing that by its name. */
export function poolKind(pool: NodePoolSite): PoolKind {
  const label = read(pool.resource, ...pool.at, 'node_config', 'labels', NODE_POOL_LABEL);
  if (label.kind === 'value') {
    const kind = (Object.keys(NODE_POOL_LABEL_VALUES) as NodePoolKind[]).find((k) => NODE_POOL_LABEL_VALUES[k] === label.value);
    return kind ? { kind, by: 'label' } : { kind: 'other' };
  }
  const byName = kindFromName(pool);
  if (byName.kind !== 'other') return byName;
  // An unreadable label (in plans `labels` is unknown when the configuration sets none) leaves the name;
  // when the name does not tell either, the pool's kind cannot be known.
  return label.kind === 'unknown' ? { kind: 'unknown', read: label } : byName;
}

function kindFromName(pool: NodePoolSite): PoolKind {
  const candidates = [read(pool.resource, ...pool.at, 'name'), read(pool.resource, ...pool.at, 'name_prefix')];
  const known = candidates.find((c) => c.kind === 'value');
  const unknown = candidates.find((c): c is UnknownRead => c.kind === 'unknown');
  let name: string | undefined;
  if (known) name = String(known.value);
  else if (unknown) return { kind: 'unknown', read: unknown };
  else if (pool.at.length === 0) name = pool.resource.name;
  const normalized = (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const hint = NAME_HINTS.find(([word]) => normalized.includes(word));
  return hint ? { kind: hint[1], by: 'name' } : { kind: 'other' };
}
