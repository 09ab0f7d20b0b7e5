import { unitPeering } from '../../../policies/gke/unit-peering';
import { expected, violations } from './stack-fixtures';

const CROSS_REGION = '["//"].cxunit.boundaries.crossRegion';
const PEER = 'projects/acme-cx-usw1/global/networks/usw1-vpc';

describe('gke.unit-peering', () => {
  it('passes a unit that peers with its peer network (path or self link)', () => {
    expect(violations(unitPeering, 'gke/unit-peering/compliant.json')).toEqual([]);
    expect(violations(unitPeering, 'gke/unit-peering/compliant-self-link.json')).toEqual([]);
  });

  it('passes a stack without peers, and one without cxunit metadata', () => {
    expect(violations(unitPeering, 'gke/lb-firewall-reconciliation/compliant.json')).toEqual([]);
  });

  it('fails when no peering reaches a peer network, or one reaches another network', () => {
    const finding = expected({
      address: 'stack', path: `${CROSS_REGION}.peerNetworks`,
      message: `no google_compute_network_peering reaches peer network ${PEER}, so the unit's cross-region flows to it have no route: add this unit's side of the peering (peer_network = "${PEER}")`,
    });
    expect(violations(unitPeering, 'gke/unit-peering/no-peering.json')).toEqual(finding);
    expect(violations(unitPeering, 'gke/unit-peering/wrong-peer.json')).toEqual(finding);
  });

  it('fails when the unit has cross-region flows but names no peer network', () => {
    expect(violations(unitPeering, 'gke/unit-peering/no-peer-networks.json')).toEqual(expected({
      address: 'stack', path: CROSS_REGION,
      message: 'the unit has cross-region flows to 10.10.0.0/20, 10.12.0.0/16 but names no peer network, so no network peering carries them: give each peer unit its network',
    }));
  });

  it('cannot verify a peering whose peer network is unresolved (and still reports the missing peer)', () => {
    expect(violations(unitPeering, 'gke/unit-peering/unresolved.json')).toEqual(expected(
      {
        address: 'google_compute_network_peering.to_usw1', path: 'resource.google_compute_network_peering.to_usw1.peer_network',
        message: 'cannot verify which network the peering reaches: peer_network is an unresolved reference (${var.peer})', cannotVerify: true,
      },
      {
        address: 'stack', path: `${CROSS_REGION}.peerNetworks`,
        message: `no google_compute_network_peering reaches peer network ${PEER}, so the unit's cross-region flows to it have no route: add this unit's side of the peering (peer_network = "${PEER}")`,
      },
    ));
  });
});
