import { Construct } from 'constructs';
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { formatPortRange } from '../architecture/ports';
import { NodePoolKind, Reference } from '../architecture/types';
import { AZURE_LOAD_BALANCER_ADDRESS, MAX_CUSTOM_PRIORITY, MIN_CUSTOM_PRIORITY } from '../azure/nsg';
import { DocumentedFlow } from '../network/documented-flows';
import { NODE_POOL_NAMES } from './node-pools';
import { PoolSubnets } from './network';

/** Allow rules take priorities 100, 110 …; the explicit denies sit at the last custom priority. */
export const FIRST_ALLOW_PRIORITY = MIN_CUSTOM_PRIORITY;
export const PRIORITY_STEP = 10;
export const DENY_ALL_PRIORITY = MAX_CUSTOM_PRIORITY;
export const DENY_ALL_INBOUND_KEY = 'deny-all-inbound';
export const DENY_ALL_OUTBOUND_KEY = 'deny-all-outbound';

export interface NsgRuleSpec {
  /** Rule name: the boundary, its protocol and a counter when needed (`sbc-ingress-udp`). */
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: 'Tcp' | 'Udp' | '*';
  /** Port specs (`443`, `20000-45000`), or `*`. */
  readonly destinationPorts: readonly string[];
  /** The peer side: prefixes, or one tag. */
  readonly peers: { readonly prefixes: readonly string[] } | { readonly tag: string };
  readonly description: string;
}

const PROTOCOLS: Readonly<Record<string, NsgRuleSpec['protocol']>> = { tcp: 'Tcp', udp: 'Udp', all: '*' };

/**
 * The rules of one node pool kind's NSG, derived from the documented flows that reach or leave that
 * pool: never hand-listed. An NSG rule has one protocol and one set of peers, so each (boundary,
 * direction, protocol, peers) becomes one rule with all its ports; the unit's own node and pod subnets come
 * first (the `unit-ingress` flow: AKS documents that an NSG on its subnets must let the node range through). An explicit Deny at
 * priority 4096 then shadows the default AllowVnetInBound and AllowAzureLoadBalancerInBound, so that
 * peered VNets and the load balancer reach exactly the documented ports; with egress lockdown a second
 * Deny shadows AllowVnetOutBound and AllowInternetOutBound.
 */
export function nsgRuleSpecs(kind: NodePoolKind, flows: readonly DocumentedFlow[], egressLockdown: boolean): NsgRuleSpec[] {
  const specs: NsgRuleSpec[] = [];
  let priority = FIRST_ALLOW_PRIORITY;
  const next = () => {
    const value = priority;
    priority += PRIORITY_STEP;
    return value;
  };
  const groups = new Map<string, DocumentedFlow[]>();
  for (const flow of flows.filter((f) => f.targetPools.includes(kind))) {
    const key = [flow.boundary, flow.direction, flow.protocol, [...flow.peers].sort().join(',')].join('|');
    groups.set(key, [...(groups.get(key) ?? []), flow]);
  }
  const names = new Set<string>();
  for (const group of groups.values()) {
    const first = group[0];
    const protocol = PROTOCOLS[first.protocol];
    let name = `${first.boundary}-${first.protocol}`;
    for (let n = 2; names.has(name); n++) name = `${first.boundary}-${first.protocol}-${n}`;
    names.add(name);
    const ports = first.protocol === 'all' ? ['*'] : [...new Set(group.flatMap((f) => (f.ports ? [formatPortRange(f.ports)] : [])))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    const loadBalancer = first.peers.length === 1 && first.peers[0] === AZURE_LOAD_BALANCER_ADDRESS;
    specs.push({
      name, priority: next(), direction: first.direction === 'INGRESS' ? 'Inbound' : 'Outbound', access: 'Allow', protocol, destinationPorts: ports,
      peers: loadBalancer ? { tag: 'AzureLoadBalancer' } : { prefixes: [...first.peers].sort() },
      description: describe(first.boundary, group.flatMap((f) => f.references)),
    });
  }
  specs.push({ name: DENY_ALL_INBOUND_KEY, priority: DENY_ALL_PRIORITY, direction: 'Inbound', access: 'Deny', protocol: '*', destinationPorts: ['*'], peers: { tag: '*' }, description: 'cxunit: deny everything no documented flow allows (shadows the default allow rules)' });
  if (egressLockdown) {
    specs.push({ name: DENY_ALL_OUTBOUND_KEY, priority: DENY_ALL_PRIORITY, direction: 'Outbound', access: 'Deny', protocol: '*', destinationPorts: ['*'], peers: { tag: '*' }, description: 'cxunit: egress lockdown; deny all egress that no documented flow allows' });
  }
  return specs;
}

/** `sbc-ingress: 003 "Voice connectivity: Connections" rows 1, 12` (NSG descriptions hold 140 characters). */
function describe(boundary: string, references: readonly Reference[]): string {
  const tables = new Map<string, Set<string>>();
  for (const r of references) tables.set(`${r.document.slice(0, 3)} "${r.table}"`, (tables.get(`${r.document.slice(0, 3)} "${r.table}"`) ?? new Set()).add(r.row));
  const text = `${boundary}: ${[...tables].map(([table, rows]) => `${table} ${[...rows].join(', ')}`).join('; ')}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** The spec as a cdktf inline rule: the peer side is a prefix list or a tag, the pool's side `*` (the NSG holds one pool's subnets). */
function toRule(spec: NsgRuleSpec): NetworkSecurityGroupSecurityRule {
  const peer = 'tag' in spec.peers ? { prefix: spec.peers.tag } : { prefixes: [...spec.peers.prefixes] };
  const inbound = spec.direction === 'Inbound';
  const ports = spec.destinationPorts.length === 1 ? { destinationPortRange: spec.destinationPorts[0] } : { destinationPortRanges: [...spec.destinationPorts] };
  return {
    name: spec.name, priority: spec.priority, direction: spec.direction, access: spec.access, protocol: spec.protocol,
    sourcePortRange: '*', ...ports, description: spec.description,
    ...(inbound
      ? { ...('prefix' in peer ? { sourceAddressPrefix: peer.prefix } : { sourceAddressPrefixes: peer.prefixes }), destinationAddressPrefix: '*' }
      : { sourceAddressPrefix: '*', ...('prefix' in peer ? { destinationAddressPrefix: peer.prefix } : { destinationAddressPrefixes: peer.prefixes }) }),
  };
}

export interface UnitSecurityGroupsProps {
  readonly unitName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly flows: readonly DocumentedFlow[];
  readonly egressLockdown: boolean;
  readonly subnets: Readonly<Partial<Record<NodePoolKind, PoolSubnets>>>;
}

/**
 * One NSG per node pool kind, associated with the kind's node and pod subnets, with inline rules only
 * (inline rules and azurerm_network_security_rule resources on one NSG overwrite each other).
 */
export class UnitSecurityGroups extends Construct {
  readonly securityGroups: Readonly<Partial<Record<NodePoolKind, NetworkSecurityGroup>>>;
  readonly specs: Readonly<Partial<Record<NodePoolKind, readonly NsgRuleSpec[]>>>;

  constructor(scope: Construct, id: string, props: UnitSecurityGroupsProps) {
    super(scope, id);
    const groups: Partial<Record<NodePoolKind, NetworkSecurityGroup>> = {};
    const specs: Partial<Record<NodePoolKind, NsgRuleSpec[]>> = {};
    for (const [kind, subnets] of Object.entries(props.subnets) as Array<[NodePoolKind, PoolSubnets]>) {
      const name = NODE_POOL_NAMES[kind];
      specs[kind] = nsgRuleSpecs(kind, props.flows, props.egressLockdown);
      const nsg = new NetworkSecurityGroup(this, name, {
        name: `${props.unitName}-${name}-nsg`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        securityRule: specs[kind]!.map(toRule),
      });
      for (const [role, subnet] of [['nodes', subnets.nodes], ['pods', subnets.pods]] as const) {
        new SubnetNetworkSecurityGroupAssociation(this, `${name}-${role}`, { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
      }
      groups[kind] = nsg;
    }
    this.securityGroups = groups;
    this.specs = specs;
  }
}
