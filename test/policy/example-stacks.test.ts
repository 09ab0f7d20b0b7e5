import '../../lib/testing/matchers';
import { synthesizeGkeUnit, synthesizeUnitsApp } from '../../lib/testing/synth';
import { policySuite } from '../../lib/testing/policy';
import { PRIMARY } from '../gke/example-props';

/**
 * The example units (test/gke/example-props.ts), synthesized for real, pass every rule: one describe
 * per stack, one it per rule. A second variant declares egress lockdown.
 */
const primary = synthesizeGkeUnit(PRIMARY);
// Under lockdown the unit names the servers IWD and CX Contact reach (network.external-peers warns otherwise).
const NAMED_PEERS = { mailServerRanges: ['192.0.2.25/32'], sftpServerRanges: ['192.0.2.22/32'] };
const lockedDown = synthesizeGkeUnit({ ...PRIMARY, unitName: 'usw1locked', egressLockdown: true, filestoreReservedCidr: '10.10.48.0/24', ...NAMED_PEERS });
// Shared VPC: the network may carry IPv6, so the lockdown must close IPv6 egress as well.
const sharedVpcLockedDown = synthesizeGkeUnit({
  ...PRIMARY, unitName: 'usw1shared', egressLockdown: true, filestoreReservedCidr: '10.10.48.0/24', filestoreReservedRangeName: 'usw1-filestore', ...NAMED_PEERS,
  existingNetworkName: 'shared-vpc', existingSubnetName: 'cx-usw1', networkProject: 'acme-network-host',
});

policySuite({ usw1: primary, usw1locked: lockedDown, usw1shared: sharedVpcLockedDown });

// The shipped stacks/units.yaml (the pair usw1 + use1, use1 with egress lockdown), as `cdktf synth` makes them.
policySuite(synthesizeUnitsApp());

describe('the example unit, with the matchers', () => {
  it('opens exactly the documented ports, with and without egress lockdown', () => {
    expect(primary).toOpenExactlyDocumentedPorts();
    expect(lockedDown).toOpenExactlyDocumentedPorts();
    expect(sharedVpcLockedDown).toOpenExactlyDocumentedPorts();
  });

  it('has one cluster and no firewall policy rules', () => {
    expect(primary).toHaveResourceCount('google_container_cluster', 1);
    expect(primary).toHaveNoResource('google_compute_network_firewall_policy_rule');
  });
});
