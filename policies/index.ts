import { Rule } from '../lib/policy/model';
import { AKS_RULES } from './aks';
import { GKE_RULES } from './gke';
import { KUBERNETES_RULES } from './kubernetes';
import { NETWORK_RULES } from './network';

/** Every rule cxunit enforces, pack by pack, in the order findings are reported. */
export const ALL_RULES: readonly Rule[] = [...GKE_RULES, ...AKS_RULES, ...NETWORK_RULES, ...KUBERNETES_RULES];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export { AKS_RULES, GKE_RULES, KUBERNETES_RULES, NETWORK_RULES };
