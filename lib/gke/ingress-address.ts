import { Construct } from 'constructs';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';

export interface IngressAddressProps {
  readonly unitName: string;
  readonly project: string;
  readonly region: string;
  /** @default - no DNS record */
  readonly dnsManagedZone?: string;
  /** @default - no DNS record */
  readonly dnsDomain?: string;
  /** @default - the project */
  readonly dnsProject?: string;
}

/**
 * 003 "Software requirements > Third-party dependencies" (Load balancer): "a single regional Google
 * external network LB with a static IP and wildcard DNS entry will pass HTTPS traffic to NGINX Ingress
 * Controller". The address is reserved here; ingress-nginx's Service takes it as `loadBalancerIP`.
 */
export class IngressAddress extends Construct {
  readonly address: ComputeAddress;
  /** The `*.<domain>` A record, when a managed zone is given. */
  readonly wildcardRecord?: DnsRecordSet;

  constructor(scope: Construct, id: string, props: IngressAddressProps) {
    super(scope, id);
    this.address = new ComputeAddress(this, 'address', {
      project: props.project,
      region: props.region,
      name: `${props.unitName}-ingress`,
      description: `cxunit unit ${props.unitName}: external network load balancer of ingress-nginx`,
      addressType: 'EXTERNAL',
      networkTier: 'PREMIUM',
    });
    if (props.dnsManagedZone !== undefined && props.dnsDomain !== undefined) {
      this.wildcardRecord = new DnsRecordSet(this, 'wildcard', {
        project: props.dnsProject ?? props.project,
        managedZone: props.dnsManagedZone,
        name: `*.${props.dnsDomain.replace(/\.$/, '')}.`,
        type: 'A',
        ttl: 300,
        rrdatas: [this.address.address],
      });
    }
  }
}
