import { Construct } from 'constructs';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { DataGoogleComputeNetwork } from '@cdktf/provider-google/lib/data-google-compute-network';
import { DataGoogleComputeSubnetwork } from '@cdktf/provider-google/lib/data-google-compute-subnetwork';

export interface UnitNetworkProps {
  readonly unitName: string;
  /** Project that owns the network (the Shared VPC host project for an existing network). */
  readonly project: string;
  readonly region: string;
  readonly subnetCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  readonly podsRangeName: string;
  readonly servicesRangeName: string;
  /**
   * An existing network to use (Shared VPC).
   * @default - a new VPC
   */
  readonly existingNetworkName?: string;
  /**
   * The existing subnet of existingNetworkName, with the two named secondary ranges.
   * @default - a new subnet
   */
  readonly existingSubnetName?: string;
}

/**
 * The unit's network: a custom-mode VPC and a subnet whose secondary ranges carry the pod and Service
 * addresses (003 "GKE > Notes on what is supported": VPC-native with alias IP ranges), or an existing
 * network and subnet looked up by name.
 */
export class UnitNetwork extends Construct {
  readonly network: ComputeNetwork | DataGoogleComputeNetwork;
  readonly subnet: ComputeSubnetwork | DataGoogleComputeSubnetwork;
  /** The network's name (Filestore's `network` parameter takes it). */
  readonly networkName: string;

  constructor(scope: Construct, id: string, props: UnitNetworkProps) {
    super(scope, id);
    if (props.existingNetworkName !== undefined && props.existingSubnetName !== undefined) {
      this.network = new DataGoogleComputeNetwork(this, 'network', { project: props.project, name: props.existingNetworkName });
      this.subnet = new DataGoogleComputeSubnetwork(this, 'subnet', { project: props.project, region: props.region, name: props.existingSubnetName });
      this.networkName = props.existingNetworkName;
      return;
    }
    const network = new ComputeNetwork(this, 'network', {
      project: props.project,
      name: `${props.unitName}-vpc`,
      description: `cxunit unit ${props.unitName}`,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
    });
    this.network = network;
    // The literal name, not a reference: it is readable in cdk.tf.json (storage class parameters).
    this.networkName = `${props.unitName}-vpc`;
    this.subnet = new ComputeSubnetwork(this, 'subnet', {
      project: props.project,
      region: props.region,
      name: `${props.unitName}-nodes`,
      description: `cxunit unit ${props.unitName}: node addresses, with secondary ranges for pods and Services`,
      network: network.id,
      ipCidrRange: props.subnetCidr,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: props.podsRangeName, ipCidrRange: props.podsCidr },
        { rangeName: props.servicesRangeName, ipCidrRange: props.servicesCidr },
      ],
    });
  }
}
