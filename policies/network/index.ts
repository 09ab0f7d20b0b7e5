import { Rule } from '../../lib/policy/model';
import { exactPorts } from './exact-ports';
import { externalPeers } from './external-peers';
import { noWorldOpen } from './no-world-open';

/** The network rule pack, in the order the rules are reported. */
export const NETWORK_RULES: readonly Rule[] = [exactPorts, noWorldOpen, externalPeers];
