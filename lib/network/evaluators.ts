import type { StackInput } from '../policy/model';
import type { DocumentedFlow } from './documented-flows';
import { FlowAnalysis, PoolKindNames } from './flow-analysis';

/**
 * The contract between the cloud-neutral flow model and one cloud's access-rule semantics.
 *
 * An evaluator answers one question, "which flows reach each node pool of this stack", for the
 * stacks of its cloud:
 *
 * - `cloud`: a short name (`gcp`, `azure`), used only in messages and registries.
 * - `appliesTo(stack)`: true when the stack holds resources this evaluator reads (GCP: firewall rules,
 *   clusters or node pools). Several evaluators may apply to one stack; their analyses are concatenated.
 * - `analyze(stack, documented)`: reads the stack's access rules, never guessing: a rule with a value it
 *   cannot read is left out of the grids and listed in `unverifiable` (resource address, JSON path, reason;
 *   `cannotOpenIngress` when the rule could not let traffic in whatever the value, e.g. a deny or an
 *   egress rule), so that it never hides what the readable rules open. It returns a FlowAnalysis:
 *   - `pools`: every node pool of the stack, each with `kinds`, the unit's pool kinds it serves (read
 *     from the unit metadata `stack.boundaries`; empty for a pool the unit does not declare), and the
 *     attributes `cxunit flows` shows;
 *   - `grids`: for each pool and direction (INGRESS and EGRESS), the cells built by
 *     `evaluateOrderedRules` from the rules that apply to the pool in the cloud's evaluation order,
 *     ending with the cloud's own rules that match everything (GCP's implied rules; Azure's default
 *     rules), as AccessRules whose `targets` are pool ids; rules that match traffic by identity rather
 *     than address (GCP source tags and service accounts, Azure application security groups) name
 *     SenderClasses. `documented` flows' peers and ports must be cell boundaries (GridExtras), so that
 *     comparisons are exact (the internet's edges need not be: see flow-comparison.ts publicRows);
 *     An evaluator may also offer `gridsFor(direction)` to compute one direction on demand;
 *   - `disabledRules`: rules present but switched off (they explain a missing flow);
 *   - `poolKindNames`: how findings name the pools of a kind in the cloud's words.
 *
 * `compareWithDocumented`, `worldOpenFlows`, `network.exact-ports`, `network.no-world-open` and
 * `cxunit flows` read only the FlowAnalysis, so a new cloud plugs in by adding its evaluator to the
 * registry (lib/flow-evaluators.ts), with property tests of its semantics against a brute-force
 * reference.
 */
export interface FlowEvaluator {
  readonly cloud: string;
  appliesTo(stack: StackInput): boolean;
  analyze(stack: StackInput, documented: readonly DocumentedFlow[]): FlowAnalysis;
}

/** How findings name pool kinds when no cloud's evaluator applies (a stack without node pools). */
const GENERIC_POOL_KIND_NAMES: PoolKindNames = {
  targets: (kinds) => `pools ${kinds.join(', ')}`,
  absent: (kind) => ({ reason: `no node pool is of kind ${kind}`, path: 'nodeTags', fix: 'add the node pool, or correct "//".cxunit.boundaries.nodeTags' }),
};

/**
 * The analyses of the stack last analyzed: the engine runs every rule on one stack before the next, so one
 * stack's analyses are enough, and an estate's grids do not all stay alive until the end of the run.
 */
let analyses: { readonly stack: StackInput; readonly byKey: Map<string, FlowAnalysis> } | undefined;

/** The cache key of a list of documented flows: the rules of one stack ask with the same list (documentedFlows caches it). */
const documentedKeys = new WeakMap<readonly DocumentedFlow[], string>();

/**
 * The flows that reach each pool of a stack, by every evaluator that applies to it; cached per set of
 * documented flows, since several rules look at the same cells.
 */
export function analyzeWith(evaluators: readonly FlowEvaluator[], stack: StackInput, documented: readonly DocumentedFlow[] = []): FlowAnalysis {
  let key = documentedKeys.get(documented);
  if (key === undefined) documentedKeys.set(documented, (key = documented.map((f) => `${f.direction}|${f.protocol}|${f.ports?.from}-${f.ports?.to}|${f.peers.join(',')}`).join(';')));
  if (analyses?.stack !== stack) analyses = { stack, byKey: new Map() };
  const byKey = analyses.byKey;
  const cached = byKey.get(key);
  if (cached) return cached;
  const parts = evaluators.filter((e) => e.appliesTo(stack)).map((e) => e.analyze(stack, documented));
  const analysis: FlowAnalysis = parts.length === 1 ? parts[0] : {
    pools: parts.flatMap((p) => p.pools),
    grids: parts.flatMap((p) => p.grids),
    disabledRules: parts.flatMap((p) => p.disabledRules),
    unverifiable: parts.flatMap((p) => p.unverifiable),
    poolKindNames: parts[0]?.poolKindNames ?? GENERIC_POOL_KIND_NAMES,
  };
  byKey.set(key, analysis);
  return analysis;
}
