import { NodePoolKind } from '../architecture/types';
import { addressRange } from '../network/address-set';
import type { UnitBoundaries } from '../network/boundaries';
import type { Direction, DocumentedFlow } from '../network/documented-flows';
import type { FlowEvaluator } from '../network/evaluators';
import {
  AnalyzedPool, evaluateOrderedRules, FlowAnalysis, GridExtras, PoolGrid, PoolKindNames, protocolAtoms,
} from '../network/flow-analysis';
import type { StackInput } from '../policy/model';
import { displayIdentity, evaluationOrder, FirewallModel, impliedRules, NodePool, readFirewallModel } from './firewall-rules';

/**
 * GCP firewall semantics, part 2: for one node pool and one direction, the rules that target it in GCP's
 * order (lower priority number first, deny before allow at equal priority, the implied rules at 65535)
 * decide every cell of the neutral grid (lib/network/flow-analysis.ts).
 */

/** Every pool's cells for one direction; a stable sort keeps the network's rules before an implied rule of the same priority and action. */
export function evaluatePool(model: FirewallModel, pool: NodePool | AnalyzedPool, direction: Direction, extras: GridExtras = {}): PoolGrid {
  const rules = [...model.rules.filter((r) => r.direction === direction && r.targets.has(pool.id)), ...impliedRules(direction, model.ipv6)].sort(evaluationOrder);
  return evaluateOrderedRules(analyzedPool(pool), direction, rules, protocolAtoms(model.rules), model.senderClasses, extras);
}

/** A GCP node pool as the neutral analysis sees it: its kinds are those whose network tag (unit metadata `nodeTags`) it carries. */
export function analyzedPool(pool: NodePool | AnalyzedPool, nodeTags: UnitBoundaries['nodeTags'] = {}): AnalyzedPool {
  if (!('tags' in pool)) return pool;
  const kinds = (Object.entries(nodeTags) as Array<[NodePoolKind, string | undefined]>)
    .filter(([, tag]) => tag !== undefined && pool.tags.includes(tag)).map(([kind]) => kind);
  const serviceAccount = displayIdentity(pool.serviceAccount);
  return {
    id: pool.id, label: pool.label, address: pool.address, jsonPath: pool.jsonPath, kinds,
    attributes: { tags: pool.tags, serviceAccount },
    summary: `tags ${pool.tags.join(', ') || 'none'}; service account ${serviceAccount}`,
  };
}

/** GCP's words for a unit's pool kinds: each kind is the node pools carrying its network tag. */
function poolKindNames(nodeTags: UnitBoundaries['nodeTags']): PoolKindNames {
  return {
    targets: (kinds) => `tags ${kinds.map((kind) => nodeTags[kind] ?? kind).join(', ')}`,
    absent: (kind) => ({
      reason: `no node pool carries network tag ${nodeTags[kind] ?? kind}`,
      path: 'nodeTags',
      fix: 'add the tag to the node pool\'s node_config.tags, or correct "//".cxunit.boundaries.nodeTags',
    }),
  };
}

/** Reads a stack's firewall model and evaluates every pool in both directions. */
export function analyzeFirewall(stack: StackInput, documented: readonly DocumentedFlow[] = []): FlowAnalysis & { readonly model: FirewallModel } {
  const model = readFirewallModel(stack);
  const nodeTags = stack.boundaries?.nodeTags ?? {};
  // Cell boundaries for the documented flows of each direction.
  const extras = (direction: Direction): GridExtras => {
    const flows = documented.filter((f) => f.direction === direction);
    return {
      blocks: flows.flatMap((f) => f.peers.map(addressRange)),
      ports: flows.flatMap((f) => (f.ports ? [f.ports] : [])),
    };
  };
  const pools = model.pools.map((pool) => analyzedPool(pool, nodeTags));
  // Each direction is evaluated when first asked for: most checks look at INGRESS only.
  const byDirection = new Map<Direction, PoolGrid[]>();
  const gridsFor = (direction: Direction): PoolGrid[] => {
    let grids = byDirection.get(direction);
    if (!grids) {
      const cuts = extras(direction);
      byDirection.set(direction, (grids = pools.map((pool) => evaluatePool(model, pool, direction, cuts))));
    }
    return grids;
  };
  return {
    model, pools, disabledRules: model.disabledRules, unverifiable: model.unverifiable, poolKindNames: poolKindNames(nodeTags),
    get grids() {
      return [...gridsFor('INGRESS'), ...gridsFor('EGRESS')];
    },
    gridsFor,
  };
}

/** Resource types whose presence makes a stack a GCP one for the flow analysis. */
const GCP_NETWORK_TYPES = new Set(['google_compute_firewall', 'google_container_cluster', 'google_container_node_pool',
  'google_compute_network_firewall_policy_rule', 'google_compute_region_network_firewall_policy_rule', 'google_compute_firewall_policy_rule']);

export const GCP_FLOW_EVALUATOR: FlowEvaluator = {
  cloud: 'gcp',
  appliesTo: (stack) => stack.resources.some((r) => GCP_NETWORK_TYPES.has(r.type)),
  analyze: analyzeFirewall,
};
