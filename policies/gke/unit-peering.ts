import { CXUNIT_METADATA_KEY } from '../../lib/network/boundaries';
import { Rule, Violation } from '../../lib/policy/model';
import { read, resourcesOf } from '../../lib/policy/values';
import { formatPath } from '../../lib/validation/diagnostic';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify } from '../shared/findings';
import { buildsGkeCluster } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

const CROSS_REGION_PATH = formatPath(['//', CXUNIT_METADATA_KEY, 'boundaries', 'crossRegion']);

export const unitPeering: Rule = {
  id: 'gke.unit-peering',
  pack: 'gke',
  title: 'A unit with cross-region flows peers its network with each peer unit',
  severity: 'error',
  rationale: '003 "Unit groups": "Unit groups interconnect their constituent units by means of a network peering solution"; '
    + 'the cross-region connections (003 "Voice connectivity" connection 2 to the SBC of another region, 002 connection 22 '
    + 'to the remote Redis) travel over it ("VNET Peering"). A unit whose metadata declares peers (crossRegion) opens '
    + 'firewall rules for those flows, but without a google_compute_network_peering to each peer network nothing routes '
    + 'them. Each stack creates its own side; the peer\'s stack creates the other.',
  reference: { document: SETUP_DOCUMENT, section: 'Unit groups' },
  remediation: 'Give each PeerUnit its `network` (GkeUnit creates a google_compute_network_peering to it; units.yaml does '
    + 'this for every unit of the group), or add the peering yourself with `peer_network` set to the peer\'s network.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const crossRegion = stack.boundaries?.crossRegion;
    // A GKE unit's stack: other clouds peer their own way (an AKS unit's VNet peering is the aks pack's).
    if (!crossRegion || crossRegion.peerRanges.length === 0 || !buildsGkeCluster(stack)) return [];
    // GkeUnit leaves out peers on its own network (a Shared VPC host network shared by units needs no peering).
    const peerNetworks = crossRegion.peerNetworks;
    if (peerNetworks === undefined) {
      return [{
        address: 'stack', path: CROSS_REGION_PATH,
        message: `the unit has cross-region flows to ${crossRegion.peerRanges.join(', ')} but names no peer network, so no network peering carries them: give each peer unit its network`,
      }];
    }
    const violations: Violation[] = [];
    const peered = new Set<string>();
    for (const peering of resourcesOf(stack, 'google_compute_network_peering')) {
      const peer = read(peering, 'peer_network');
      if (peer.kind === 'unknown') violations.push(cannotVerify(peering, peer, 'which network the peering reaches'));
      else if (peer.kind === 'value') peered.add(networkKey(String(peer.value)));
    }
    for (const network of peerNetworks) {
      if (peered.has(networkKey(network))) continue;
      violations.push({
        address: 'stack', path: `${CROSS_REGION_PATH}.peerNetworks`,
        message: `no google_compute_network_peering reaches peer network ${network}, so the unit's cross-region flows to it have no route: add this unit's side of the peering (peer_network = "${network}")`,
      });
    }
    return violations;
  },
};

/** `https://www.googleapis.com/compute/v1/projects/p/global/networks/n` and `projects/p/global/networks/n` are the same network. */
function networkKey(network: string): string {
  return network.replace(/^https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta)\//, '');
}
