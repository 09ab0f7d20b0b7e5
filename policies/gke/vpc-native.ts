import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, readBlock, show } from '../shared/findings';
import { gkeClusters, isAutopilot } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const vpcNative: Rule = {
  id: 'gke.vpc-native',
  pack: 'gke',
  title: 'GKE clusters are VPC-native (alias IPs), never routes-based',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "Private edition does not support routes-based clusters." 003 "GKE > Notes on '
    + 'what is supported": only VPC-native clusters with alias IP ranges are supported, and IP Alias (--enable-ip-alias) '
    + 'must be enabled for VPC peering. With `networking_mode` unset, older providers chose the mode from the presence '
    + 'of an `ip_allocation_policy` block, so the rule requires the block in every case and treats a cluster with '
    + 'neither as routes-based (fail closed: the configuration must say VPC-native). Autopilot clusters are always '
    + 'VPC-native (GKE docs, "Compare GKE Autopilot and Standard": VPC-native traffic routing is pre-configured), so '
    + 'they pass this rule; gke.no-autopilot reports them.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Set `networking_mode = "VPC_NATIVE"` and an `ip_allocation_policy` block naming the subnet\'s secondary '
    + 'ranges for pods and services (`cluster_secondary_range_name`, `services_secondary_range_name`). The mode of an '
    + 'existing cluster cannot change: the cluster is replaced.',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      if (isAutopilot(cluster)) continue;
      const mode = read(cluster, 'networking_mode');
      const policy = readBlock(cluster, 'ip_allocation_policy');
      if (mode.kind === 'unknown') {
        violations.push(cannotVerify(cluster, mode, 'that the cluster is VPC-native'));
        continue;
      }
      if (mode.kind === 'value' && String(mode.value).toUpperCase() !== 'VPC_NATIVE') {
        violations.push({ address: cluster.address, path: mode.path, message: `networking_mode is ${show(mode.value)}: routes-based clusters are not supported; set networking_mode = "VPC_NATIVE" with an ip_allocation_policy` });
        continue;
      }
      if (policy.kind === 'unknown') violations.push(cannotVerify(cluster, policy, 'that the cluster uses alias IP ranges'));
      else if (policy.kind === 'absent') {
        violations.push({
          address: cluster.address,
          path: policy.path,
          message: mode.kind === 'value'
            ? 'networking_mode is "VPC_NATIVE" but ip_allocation_policy is missing: add an ip_allocation_policy naming the pod and service secondary ranges'
            : 'neither networking_mode nor ip_allocation_policy is set, which makes a routes-based cluster: set networking_mode = "VPC_NATIVE" and an ip_allocation_policy',
        });
      }
    }
    return violations;
  },
};
