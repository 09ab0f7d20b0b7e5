import { Construct } from 'constructs';
import { ComputeNetworkPeering } from '@cdktf/provider-google/lib/compute-network-peering';

export interface UnitPeeringProps {
  readonly unitName: string;
  /** This unit's network (self link or id); on Shared VPC, the host project's network. */
  readonly network: string;
  /** The other units of the group that name their network, by unit name. */
  readonly peers: ReadonlyArray<{ readonly unitName: string; readonly network: string }>;
}

/**
 * This unit's side of the VPC Network Peering to each other unit of its group (003 "Unit groups":
 * units "interconnect ... by means of a network peering solution"; the peer's stack creates the other
 * side). The cross-region flows go between subnets, pods and Services, which on a VPC-native cluster
 * are the subnet's primary and alias ranges: subnet routes carry them, so no custom routes are
 * exchanged (003 "GKE": IP aliases "eliminate the necessity of creating and exporting routes").
 */
export class UnitPeering extends Construct {
  /** The peerings by peer unit name. */
  readonly peerings: Readonly<Record<string, ComputeNetworkPeering>>;

  constructor(scope: Construct, id: string, props: UnitPeeringProps) {
    super(scope, id);
    const peerings: Record<string, ComputeNetworkPeering> = {};
    for (const peer of props.peers) {
      peerings[peer.unitName] = new ComputeNetworkPeering(this, peer.unitName, {
        name: `${props.unitName}-to-${peer.unitName}`,
        network: props.network,
        peerNetwork: peer.network,
        importCustomRoutes: false,
        exportCustomRoutes: false,
      });
    }
    this.peerings = peerings;
  }
}
