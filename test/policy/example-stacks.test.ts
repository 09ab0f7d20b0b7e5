import '../../lib/testing/matchers';
import { synthesizeGkeUnit, synthesizeUnitsApp } from '../../lib/testing/synth';
import { policySuite } from '../../lib/testing/policy';
import { PRIMARY } from '../gke/example-props';

/**
 * The example units (test/gke/example-props.ts), synthesized for real, pass every rule: one describe
 * per stack, one it per rule. A second variant declares egress lockdown.
 */
const primary = synthesizeGkeUnit(PRIMARY);
const lockedDown = synthesizeGkeUnit({ ...PRIMARY, unitName: 'usw1locked', egressLockdown: true });

policySuite({ usw1: primary, usw1locked: lockedDown });

// The shipped stacks/units.yaml (the pair usw1 + use1, use1 with egress lockdown), as `cdktf synth` makes them.
policySuite(synthesizeUnitsApp());

describe('the example unit, with the matchers', () => {
  it('opens exactly the documented ports, with and without egress lockdown', () => {
    expect(primary).toOpenExactlyDocumentedPorts();
    expect(lockedDown).toOpenExactlyDocumentedPorts();
  });

  it('has one cluster and no firewall policy rules', () => {
    expect(primary).toHaveResourceCount('google_container_cluster', 1);
    expect(primary).toHaveNoResource('google_compute_network_firewall_policy_rule');
  });
});
