import { Rule } from '../../lib/policy/model';
import { namespaces } from './namespaces';
import { noNetworkPolicies } from './no-network-policies';
import { priorityClasses } from './priority-classes';
import { storageClasses } from './storage-classes';

/** The kubernetes rule pack, in the order the rules are reported. */
export const KUBERNETES_RULES: readonly Rule[] = [
  storageClasses,
  namespaces,
  priorityClasses,
  noNetworkPolicies,
];
