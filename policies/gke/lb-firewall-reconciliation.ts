import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue, show } from '../shared/findings';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

const OWN_RULES = 'GKE creates its own VPC firewall rules (k8s-fw-*) for every LoadBalancer Service, opening the Service\'s ports '
  + '(the ingress-nginx chart\'s default includes 80) from its loadBalancerSourceRanges (default 0.0.0.0/0) to every node, '
  + 'outside the Terraform that network.exact-ports checks';

export const lbFirewallReconciliation: Rule = {
  id: 'gke.lb-firewall-reconciliation',
  pack: 'gke',
  title: 'GKE does not create its own load-balancer firewall rules',
  severity: 'error',
  rationale: '003 "Software requirements > Third-party dependencies" (Load balancer): a single regional external network '
    + 'load balancer passes HTTPS to NGINX Ingress Controller, and the connection tables (000 row 1, 001 row 27) document '
    + 'HTTPS only. When ingress-nginx\'s LoadBalancer Service is created, GKE adds ingress allow rules of its own for the '
    + 'Service\'s ports and health checks, from the Service\'s loadBalancerSourceRanges (0.0.0.0/0 unless set) to every node '
    + 'of the cluster, not only the ingress pool. Those rules are not in the Terraform, so the firewall that network.exact-ports '
    + 'proves exact is not what runs. With `disable_l4_lb_firewall_reconciliation = true` GKE creates none, and the unit\'s '
    + 'own rules (internet ingress to the ingress pool on the documented port, health checks from Google\'s ranges) are the '
    + 'whole truth. This is cxunit\'s requirement for exact ports, not a sentence of the documents, so it applies to cxunit '
    + 'units (stacks that declare their boundaries in the `"//".cxunit` metadata), whose firewall is compared with the documented flows.',
  reference: { document: SETUP_DOCUMENT, section: 'Software requirements > Third-party dependencies for Genesys Multicloud CX services' },
  remediation: 'Set `disable_l4_lb_firewall_reconciliation = true` on the cluster (GkeUnit does), open the ingress with '
    + 'your own firewall rules, and set the ingress Service\'s loadBalancerSourceRanges and loadBalancerIP from the unit\'s '
    + 'stack outputs.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    if (!stack.boundaries) return [];
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const disabled = read(cluster, 'disable_l4_lb_firewall_reconciliation');
      if (disabled.kind === 'unknown') violations.push(cannotVerify(cluster, disabled, 'that GKE creates no load-balancer firewall rules'));
      else if (disabled.kind === 'absent') {
        violations.push({ address: cluster.address, path: disabled.path, message: `disable_l4_lb_firewall_reconciliation is not set, so ${OWN_RULES}: set it to true` });
      } else if (!isTrue(disabled.value)) {
        violations.push({ address: cluster.address, path: disabled.path, message: `disable_l4_lb_firewall_reconciliation is ${show(disabled.value)}, so ${OWN_RULES}: set it to true` });
      }
    }
    return violations;
  },
};
