import { Rule } from '../../lib/policy/model';

/** The network rule pack, in the order the rules are reported. */
export const NETWORK_RULES: readonly Rule[] = [];
