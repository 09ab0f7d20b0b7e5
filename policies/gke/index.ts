import { Rule } from '../../lib/policy/model';

/** The gke rule pack, in the order the rules are reported. */
export const GKE_RULES: readonly Rule[] = [];
