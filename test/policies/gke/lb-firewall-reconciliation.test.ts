import { lbFirewallReconciliation } from '../../../policies/gke/lb-firewall-reconciliation';
import { expected, fixtureStack, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';
const OWN_RULES = 'GKE creates its own VPC firewall rules (k8s-fw-*) for every LoadBalancer Service, opening the Service\'s ports '
  + '(the ingress-nginx chart\'s default includes 80) from its loadBalancerSourceRanges (default 0.0.0.0/0) to every node, '
  + 'outside the Terraform that network.exact-ports checks';

/** A plan fixture as the unit's plan: a plan carries its unit's boundaries from the cdk.tf.json beside it. */
function unitPlan(relative: string) {
  return { ...fixtureStack(relative), boundaries: fixtureStack('gke/lb-firewall-reconciliation/compliant.json').boundaries };
}

describe('gke.lb-firewall-reconciliation', () => {
  it('passes a cluster that lets the unit\'s rules open the load balancer (object and plan shapes)', () => {
    expect(violations(lbFirewallReconciliation, 'gke/lb-firewall-reconciliation/compliant.json')).toEqual([]);
    expect(lbFirewallReconciliation.evaluate(unitPlan('gke/lb-firewall-reconciliation/compliant.plan.json'))).toEqual([]);
  });

  it('leaves a stack that is not a cxunit unit (no declared boundaries) to the other rules', () => {
    expect(violations(lbFirewallReconciliation, 'gke/lb-firewall-reconciliation/unset-not-a-unit.json')).toEqual([]);
  });

  it('fails when the setting is absent (GKE reconciles by default), with blocks as arrays', () => {
    expect(violations(lbFirewallReconciliation, 'gke/lb-firewall-reconciliation/unset.json')).toEqual(expected({
      address: CLUSTER, path: `${AT}.disable_l4_lb_firewall_reconciliation`,
      message: `disable_l4_lb_firewall_reconciliation is not set, so ${OWN_RULES}: set it to true`,
    }));
  });

  it('fails when it is false, in the cdk.tf.json and in a plan', () => {
    const finding = (path: string) => expected({ address: CLUSTER, path, message: `disable_l4_lb_firewall_reconciliation is false, so ${OWN_RULES}: set it to true` });
    expect(violations(lbFirewallReconciliation, 'gke/lb-firewall-reconciliation/false.json')).toEqual(finding(`${AT}.disable_l4_lb_firewall_reconciliation`));
    expect(lbFirewallReconciliation.evaluate(unitPlan('gke/lb-firewall-reconciliation/false.plan.json')).map((v) => v.message)).toEqual(finding('').map((v) => v.message));
  });

  it('cannot verify an unresolved value', () => {
    expect(violations(lbFirewallReconciliation, 'gke/lb-firewall-reconciliation/unresolved.json')).toEqual(expected({
      address: CLUSTER, path: `${AT}.disable_l4_lb_firewall_reconciliation`,
      message: 'cannot verify that GKE creates no load-balancer firewall rules: disable_l4_lb_firewall_reconciliation is an unresolved reference (${var.own_lb_rules})',
      cannotVerify: true,
    }));
  });
});
