import { Construct } from 'constructs';
import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';

export interface AksIngressAddressProps {
  readonly unitName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly zones: readonly string[];
  /** @default - no DNS record */
  readonly dnsZoneName?: string;
  readonly dnsResourceGroupName: string;
}

/**
 * The static public IP of ingress-nginx's load balancer and its wildcard record (the Azure form of 003
 * "Third-party dependencies", Load balancer: "a single regional ... LB with a static IP and wildcard DNS
 * entry"). Standard SKU, zone-redundant across the unit's zones. ingress-nginx's Service names it with
 * the `service.beta.kubernetes.io/azure-pip-name` annotation.
 */
export class AksIngressAddress extends Construct {
  readonly publicIp: PublicIp;
  readonly wildcardRecord?: DnsARecord;

  constructor(scope: Construct, id: string, props: AksIngressAddressProps) {
    super(scope, id);
    this.publicIp = new PublicIp(this, 'public-ip', {
      name: `${props.unitName}-ingress`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      zones: [...props.zones],
    });
    if (props.dnsZoneName !== undefined) {
      this.wildcardRecord = new DnsARecord(this, 'wildcard', {
        name: '*',
        zoneName: props.dnsZoneName,
        resourceGroupName: props.dnsResourceGroupName,
        ttl: 300,
        targetResourceId: this.publicIp.id,
      });
    }
  }
}
