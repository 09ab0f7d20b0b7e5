import { AZURE_FLOW_EVALUATOR } from './azure/nsg-evaluator';
import { GCP_FLOW_EVALUATOR } from './gcp/firewall-evaluator';
import { GOOGLE_HEALTH_CHECK_RANGES } from './gcp/health-checks';
import type { DocumentedFlow } from './network/documented-flows';
import { analyzeWith, FlowEvaluator } from './network/evaluators';
import type { FlowAnalysis } from './network/flow-analysis';
import type { StackInput } from './policy/model';

/**
 * The clouds whose access rules cxunit evaluates, one evaluator each (the contract is FlowEvaluator in
 * lib/network/evaluators.ts). The neutral flow model never names a cloud; this list is where they meet.
 */
export const FLOW_EVALUATORS: readonly FlowEvaluator[] = [GCP_FLOW_EVALUATOR, AZURE_FLOW_EVALUATOR];

/** Which flows reach each node pool of the stack, by the evaluators of the clouds it uses. */
export function analyzeStack(stack: StackInput, documented: readonly DocumentedFlow[] = []): FlowAnalysis {
  return analyzeWith(FLOW_EVALUATORS, stack, documented);
}

/** Source ranges of every cloud's load-balancer health probes: a unit may open its health-check port to them. */
export const LOAD_BALANCER_PROBE_RANGES: readonly string[] = [...GOOGLE_HEALTH_CHECK_RANGES];
