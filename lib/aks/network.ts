import { Construct } from 'constructs';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { NodePoolKind } from '../architecture/types';
import { AksPeerUnit, unitSubnets } from './aks-unit-props';
import { NODE_POOL_NAMES } from './node-pools';

export interface PoolSubnets {
  readonly nodes: Subnet;
  readonly pods: Subnet;
}

export interface UnitVirtualNetworkProps {
  readonly unitName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly vnetCidr: string;
  readonly kinds: readonly NodePoolKind[];
  /** @default - a new VNet */
  readonly existingVnetName?: string;
  readonly peerUnits: readonly AksPeerUnit[];
}

/**
 * The unit's virtual network (or an existing one) with a node subnet and a pod subnet per node pool
 * kind: Azure CNI with pod subnets gives every pod a VNet address that the SBC reaches directly (003
 * "Networking overview > Voice": "virtual-network native addressing with direct access to the pods IP
 * from SBC"), and per-kind subnets let each pool have its own NSG. Peered with every other unit of the
 * group (003 "Unit groups": "a network peering solution"); each unit creates its half of each peering.
 */
export class UnitVirtualNetwork extends Construct {
  readonly virtualNetwork?: VirtualNetwork;
  readonly virtualNetworkName: string;
  readonly subnets: Readonly<Partial<Record<NodePoolKind, PoolSubnets>>>;
  readonly peerings: Readonly<Record<string, VirtualNetworkPeering>>;

  constructor(scope: Construct, id: string, props: UnitVirtualNetworkProps) {
    super(scope, id);
    if (props.existingVnetName === undefined) {
      this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
        name: `${props.unitName}-vnet`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        addressSpace: [props.vnetCidr],
      });
    }
    this.virtualNetworkName = this.virtualNetwork?.name ?? props.existingVnetName!;
    const subnets: Partial<Record<NodePoolKind, PoolSubnets>> = {};
    for (const kind of props.kinds) {
      const ranges = unitSubnets(props.vnetCidr, kind);
      const name = NODE_POOL_NAMES[kind];
      subnets[kind] = {
        nodes: new Subnet(this, `nodes-${name}`, {
          name: `${props.unitName}-nodes-${name}`,
          resourceGroupName: props.resourceGroupName,
          virtualNetworkName: this.virtualNetworkName,
          addressPrefixes: [ranges.nodes],
        }),
        // AKS delegates a pod subnet to itself; declaring the delegation keeps plans free of drift.
        pods: new Subnet(this, `pods-${name}`, {
          name: `${props.unitName}-pods-${name}`,
          resourceGroupName: props.resourceGroupName,
          virtualNetworkName: this.virtualNetworkName,
          addressPrefixes: [ranges.pods],
          delegation: [{ name: 'aks', serviceDelegation: { name: 'Microsoft.ContainerService/managedClusters', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } }],
        }),
      };
    }
    this.subnets = subnets;
    const peerings: Record<string, VirtualNetworkPeering> = {};
    for (const peer of props.peerUnits) {
      peerings[peer.unitName] = new VirtualNetworkPeering(this, `peering-${peer.unitName}`, {
        name: `${props.unitName}-to-${peer.unitName}`,
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: this.virtualNetworkName,
        remoteVirtualNetworkId: peer.vnetId,
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: false,
        // Global VNet peering cannot use the remote gateways.
        useRemoteGateways: false,
      });
    }
    this.peerings = peerings;
  }
}
