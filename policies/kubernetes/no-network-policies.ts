import { Rule, Violation } from '../../lib/policy/model';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify } from '../shared/findings';
import { kubernetesObjects, NETWORK_POLICY_TYPES, readField } from '../shared/kubernetes-objects';
import { buildsAksCluster } from '../shared/aks';
import { buildsGkeCluster } from '../shared/stack';
import { kubernetesNotApplicable } from '../shared/applicability';

/**
 * Kinds that restrict pod traffic: Kubernetes NetworkPolicy (also Calico's namespaced kind of the same name),
 * the cluster-wide admin policies, and the Calico, Cilium and GKE FQDN custom resources.
 */
export const NETWORK_POLICY_KINDS = [
  'NetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'GlobalNetworkPolicy',
  'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'FQDNNetworkPolicy',
];

export const noNetworkPolicies: Rule = {
  id: 'kubernetes.no-network-policies',
  pack: 'kubernetes',
  title: 'No NetworkPolicy objects',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "Network policies are not provided or supported and all ingress and egress pod '
    + 'traffic must be allowed between all namespaces." Any kubernetes_network_policy(_v1) or manifest of a network '
    + 'policy kind (NetworkPolicy, the admin network policies, Calico, Cilium and GKE FQDN policies) restricts that '
    + 'traffic once an enforcing dataplane runs. A manifest whose kind cannot be read cannot be verified. Not applied '
    + 'to a stack that builds an AKS cluster and no GKE cluster: the only network-policy text of 003 that reaches AKS, '
    + '"Network settings > Network Policy", lets customers create their own policies (aks.no-network-policy warns '
    + 'about the engine that would enforce them; see docs/document-disagreements.md).',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove the network policy objects; restrict traffic at the unit\'s boundary with firewall rules instead.',
  suppressible: false,
  notApplicable: kubernetesNotApplicable,
  evaluate(stack) {
    if (buildsAksCluster(stack) && !buildsGkeCluster(stack)) return [];
    const violations: Violation[] = [];
    const { objects, unreadable } = kubernetesObjects(stack, NETWORK_POLICY_KINDS, NETWORK_POLICY_TYPES);
    for (const { resource, read } of unreadable) violations.push(cannotVerify(resource, read, 'that the manifest is not a network policy'));
    for (const policy of objects) {
      const kind = policy.style === 'manifest' ? readField(policy, ['kind']) : undefined;
      violations.push({
        address: policy.resource.address,
        path: kind?.path ?? policy.resource.jsonPath,
        message: `${policy.resource.address} declares a ${policy.kind}: network policies are not supported and all pod traffic between namespaces must be allowed; remove it`,
      });
    }
    return violations;
  },
};
