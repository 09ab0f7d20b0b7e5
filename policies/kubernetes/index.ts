import { Rule } from '../../lib/policy/model';

/** The kubernetes rule pack, in the order the rules are reported. */
export const KUBERNETES_RULES: readonly Rule[] = [];
