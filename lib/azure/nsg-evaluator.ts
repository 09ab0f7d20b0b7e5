import { NodePoolKind } from '../architecture/types';
import { PortRange } from '../architecture/ports';
import { addressRange, AddressInterval, mergeIntervals } from '../network/address-set';
import type { UnitBoundaries } from '../network/boundaries';
import type { Direction, DocumentedFlow } from '../network/documented-flows';
import type { FlowEvaluator } from '../network/evaluators';
import {
  AccessRule, AnalyzedPool, evaluateOrderedRules, FlowAnalysis, GridExtras, PoolKindNames, ProtocolMatch, protocolAtoms, SenderClass, Unverifiable,
} from '../network/flow-analysis';
import type { StackInput, TerraformResource } from '../policy/model';
import { read } from '../policy/values';
import { ALL_PORTS, AddressContext, AddressSelector, NSG_PROTOCOL_NUMBERS, NsgRule, processingOrder, selectorAddresses } from './nsg';
import { readNsgModel, SecurityGroup, targetOf } from './nsg-resources';

/**
 * Azure NSG semantics behind the neutral flow model (lib/network/evaluators.ts). A node pool's traffic
 * passes the NSG of the subnet its addresses are in: the node subnet (`vnet_subnet_id`) for node
 * addresses and, with Azure CNI pod subnets, the pod subnet (`pod_subnet_id`) for pod addresses. Each
 * (pool, subnet) is one analyzed pool of the pool's kinds, so a documented flow must reach both the
 * nodes and the pods. Per subnet, the associated NSG's rules and the six default rules are taken in
 * priority order (nsg.ts); a rule applies when its pool-side address (destination inbound, source
 * outbound) covers the whole subnet, does not when it misses it, and makes the subnet unverifiable when
 * it covers part of it. A subnet without an NSG lets everything through. Rules after one that matches
 * everything are never reached, so a final explicit Deny spares evaluating VirtualNetwork and Internet.
 * The AKS-managed NIC-level NSG is outside the Terraform and not modelled (it only narrows traffic).
 */

/** The node label whose value selects a unit's pool kind on AKS (the unit metadata's `nodeTags` values). */
export const AZURE_POOL_SELECTOR_LABEL = 'genesys.com/node-pool';

interface SubnetInfo {
  readonly address: string;
  readonly name: string;
  readonly prefixes?: readonly AddressInterval[];
  readonly vnet?: string;
}

interface PoolSite {
  readonly resource: TerraformResource;
  readonly at: readonly string[];
  readonly label: string;
}

const ALL_MATCHES_NOTHING: readonly ProtocolMatch[] = [];

export function analyzeNsgs(stack: StackInput, documented: readonly DocumentedFlow[] = []): FlowAnalysis {
  const boundaries = stack.boundaries;
  const model = readNsgModel(stack);
  const unverifiable: Unverifiable[] = model.problems.map(({ address, path, reason }) => ({ address, path, reason }));
  const subnets = readSubnets(stack);
  const groupsBySubnet = readAssociations(stack, model.groups, unverifiable);
  const virtualNetwork = virtualNetworkRanges(stack, boundaries);
  const extras = (direction: Direction): GridExtras => {
    const flows = documented.filter((f) => f.direction === direction);
    return {
      blocks: flows.flatMap((f) => f.peers.map(addressRange)),
      ports: flows.flatMap((f) => (f.ports ? [f.ports] : [])),
    };
  };

  const pools: AnalyzedPool[] = [];
  const grids: FlowAnalysis['grids'][number][] = [];
  const senders = new Map<string, SenderClass>();
  // Pools whose subnets share an NSG whose rules apply alike (the node and pod subnets of one kind) share their cells.
  const cellsByRules = new Map<string, FlowAnalysis['grids'][number]>();
  for (const site of poolSites(stack)) {
    const kinds = poolKinds(site, boundaries);
    const asgIds = asgIdsOf(site);
    for (const role of ['nodes', 'pods'] as const) {
      const attribute = role === 'nodes' ? 'vnet_subnet_id' : 'pod_subnet_id';
      const reference = read(site.resource, ...site.at, attribute);
      if (reference.kind === 'absent') {
        if (role === 'nodes') unverifiable.push({ address: site.resource.address, path: reference.path, reason: `${site.label} sets no vnet_subnet_id: AKS then creates its own VNet, whose rules are not in the configuration` });
        continue;
      }
      const subnet = subnets.get(targetOf(stack, site.resource, site.at, attribute, 'azurerm_subnet') ?? '');
      if (!subnet || !subnet.prefixes) {
        unverifiable.push({ address: site.resource.address, path: reference.path, reason: `the ${role === 'nodes' ? 'node' : 'pod'} subnet of ${site.label} is not a subnet of the stack with known address prefixes` });
        continue;
      }
      const group = groupsBySubnet.get(subnet.address);
      const pool: AnalyzedPool = {
        id: `${site.resource.address}${site.at.length > 0 ? `.${site.at.join('.')}` : ''}#${role}`,
        label: `${site.label} (${role === 'nodes' ? 'node' : 'pod'} subnet ${subnet.name})`,
        address: site.resource.address,
        jsonPath: `${site.resource.jsonPath}${site.at.map((s) => `.${s}`).join('')}`,
        kinds,
        attributes: { subnet: subnet.name, nsg: group?.address ?? 'none' },
        summary: `NSG ${group?.address ?? 'none'}`,
      };
      pools.push(pool);
      const context: AddressContext = virtualNetwork ? { virtualNetwork } : {};
      for (const direction of ['INGRESS', 'EGRESS'] as const) {
        const rules = accessRules(pool, subnet, group, direction, context, role === 'nodes' ? asgIds : undefined, senders, unverifiable);
        if (!rules) continue;
        const key = `${direction}|${rules.map((r) => `${r.address}@${r.priority}`).join(';')}|${[...senders.keys()].join(';')}`;
        const shared = cellsByRules.get(key);
        const grid = shared ? { ...shared, pool } : evaluateOrderedRules(pool, direction, rules, protocolAtoms(rules), [...senders.values()], extras(direction));
        cellsByRules.set(key, grid);
        grids.push(grid);
      }
    }
  }
  return {
    pools,
    grids: unverifiable.length > 0 ? [] : grids,
    disabledRules: [],
    unverifiable,
    poolKindNames: poolKindNames(boundaries?.nodeTags ?? {}),
  };
}

/** The subnet's rules for one direction as neutral AccessRules in processing order, or undefined when they cannot be placed. */
function accessRules(pool: AnalyzedPool, subnet: SubnetInfo, group: SecurityGroup | undefined, direction: Direction, context: AddressContext,
  poolAsgs: readonly string[] | undefined, senders: Map<string, SenderClass>, unverifiable: Unverifiable[]): AccessRule[] | undefined {
  const targets = new Set([pool.id]);
  // A subnet with IPv4 prefixes only has no IPv6 address: no IPv6 traffic reaches or leaves it, whatever `*` or Internet allow.
  const noIpv6: AccessRule[] = subnet.prefixes && !subnet.prefixes.some((p) => p.family === 6) ? [{
    address: `no-ipv6:${subnet.address}`, jsonPath: subnet.address, implied: true, label: `subnet ${subnet.name} having no IPv6 prefix`,
    direction, priority: -1, action: 'deny', protocols: [{ protocol: 'all', path: '' }], peers: [addressRange('::/0')], peersCoverAllIpv4: false, targets, senders: new Set(),
  }] : [];
  if (!group) {
    return [...noIpv6, {
      address: `no-nsg:${subnet.address}`, jsonPath: subnet.address, implied: true, label: `subnet ${subnet.name} having no network security group (Azure then allows everything)`,
      remedy: `associate a network security group with subnet ${subnet.name} (azurerm_subnet_network_security_group_association) that allows only the documented flows`,
      direction, priority: 0, action: 'allow', protocols: [{ protocol: 'all', path: '' }], peers: everything(), peersCoverAllIpv4: true, targets, senders: new Set(),
    }];
  }
  const azureDirection = direction === 'INGRESS' ? 'Inbound' : 'Outbound';
  const rules: AccessRule[] = [...noIpv6];
  for (const rule of processingOrder(group.rules, azureDirection)) {
    const where = { address: rule.address ?? group.address, path: rule.jsonPath ?? group.jsonPath };
    const poolSide = direction === 'INGRESS' ? rule.destination : rule.source;
    const peerSide = direction === 'INGRESS' ? rule.source : rule.destination;
    const applies = appliesToSubnet(poolSide, subnet.prefixes!, context, poolAsgs);
    if (typeof applies === 'string') {
      unverifiable.push({ ...where, reason: `cannot tell whether rule "${rule.name}" of ${group.address} applies to subnet ${subnet.name}: ${applies}` });
      return undefined;
    }
    if (!applies) continue;
    if (!isAllPorts(rule.sourcePorts)) {
      unverifiable.push({ ...where, reason: `rule "${rule.name}" of ${group.address} restricts source ports (${rule.sourcePorts.map((p) => `${p.from}-${p.to}`).join(',')}), which clients choose: cxunit compares destination ports only` });
      return undefined;
    }
    const protocols = protocolMatches(rule, where.path);
    if (protocols.length === 0) continue;
    const peer = peerSide.kind === 'asgs' ? undefined : selectorAddresses(peerSide, context);
    if (peer && !Array.isArray(peer)) {
      unverifiable.push({ ...where, reason: `rule "${rule.name}" of ${group.address} decides traffic of subnet ${subnet.name}, but ${peer.unknown}` });
      return undefined;
    }
    const ruleSenders = new Set<string>();
    if (peerSide.kind === 'asgs') {
      for (const id of peerSide.ids) {
        const sender = senders.get(id) ?? { id: `asg:${id}`, label: `members of application security group ${id}` };
        senders.set(id, sender);
        ruleSenders.add(sender.id);
      }
    }
    const peers = peer ?? [];
    const access: AccessRule = {
      address: rule.isDefault ? `default:${rule.name}` : rule.address === group.address ? `${group.address}.security_rule["${rule.name}"]` : where.address,
      jsonPath: where.path,
      implied: rule.isDefault,
      ...(rule.isDefault ? { label: `the default rule ${rule.name} (${rule.priority})` } : {}),
      direction, priority: rule.priority, action: rule.access === 'Allow' ? 'allow' : 'deny', protocols, peers,
      peersCoverAllIpv4: peers.some((p) => p.family === 4 && p.first === 0n && p.last === (1n << 32n) - 1n),
      targets, senders: ruleSenders, peerField: direction === 'INGRESS' ? 'source_address_prefix(es)' : 'destination_address_prefix(es)',
    };
    rules.push(access);
    // A rule that matches all traffic of the subnet ends the list: nothing after it is ever reached.
    if (peerSide.kind === 'any' && rule.protocol === '*' && isAllPorts(rule.destinationPorts)) return rules;
  }
  return rules;
}

/** Whether a pool-side selector covers all of the subnet (true), none of it (false), or part of it (a reason). */
function appliesToSubnet(selector: AddressSelector, prefixes: readonly AddressInterval[], context: AddressContext, poolAsgs: readonly string[] | undefined): boolean | string {
  if (selector.kind === 'asgs') {
    if (poolAsgs === undefined) return 'whether pods in a pod subnet belong to a pool\'s application security groups is not documented';
    return selector.ids.some((id) => poolAsgs.includes(id));
  }
  const addresses = selectorAddresses(selector, context);
  if (!Array.isArray(addresses)) return addresses.unknown;
  const covered = prefixes.every((p) => addresses.some((a) => a.family === p.family && a.first <= p.first && p.last <= a.last));
  if (covered) return true;
  const touches = prefixes.some((p) => addresses.some((a) => a.family === p.family && a.first <= p.last && p.first <= a.last));
  return touches ? 'the rule covers only part of the subnet' : false;
}

/** The rule's protocols as neutral matches; a port-restricted rule only ever matches TCP and UDP (nsg.ts). */
function protocolMatches(rule: NsgRule, path: string): readonly ProtocolMatch[] {
  const ports: readonly PortRange[] | undefined = isAllPorts(rule.destinationPorts) ? undefined : rule.destinationPorts;
  if (rule.protocol === '*') {
    return ports ? [{ protocol: NSG_PROTOCOL_NUMBERS.Tcp, ports, path }, { protocol: NSG_PROTOCOL_NUMBERS.Udp, ports, path }] : [{ protocol: 'all', path }];
  }
  const number = NSG_PROTOCOL_NUMBERS[rule.protocol];
  if (number === 6 || number === 17) return [{ protocol: number, ...(ports ? { ports } : {}), path }];
  return ports ? ALL_MATCHES_NOTHING : [{ protocol: number, path }];
}

function isAllPorts(ranges: readonly PortRange[]): boolean {
  return ranges.some((r) => r.from <= ALL_PORTS.from && r.to >= ALL_PORTS.to);
}

function everything(): AddressInterval[] {
  return [addressRange('0.0.0.0/0'), addressRange('::/0')];
}

function readSubnets(stack: StackInput): Map<string, SubnetInfo> {
  const subnets = new Map<string, SubnetInfo>();
  for (const resource of stack.resources.filter((r) => r.type === 'azurerm_subnet')) {
    const prefixes = read(resource, 'address_prefixes');
    const list = prefixes.kind === 'value' && Array.isArray(prefixes.value) ? prefixes.value : undefined;
    const parsed = list?.every((p) => typeof p === 'string' && !p.includes('${')) ? list.map((p) => addressRange(String(p))) : undefined;
    const name = read(resource, 'name');
    const vnet = read(resource, 'virtual_network_name');
    subnets.set(resource.address, {
      address: resource.address,
      name: name.kind === 'value' ? String(name.value) : resource.address,
      ...(parsed ? { prefixes: mergeIntervals(parsed) } : {}),
      ...(vnet.kind === 'value' ? { vnet: String(vnet.value) } : vnet.kind === 'unknown' ? { vnet: vnet.reason } : {}),
    });
  }
  return subnets;
}

function readAssociations(stack: StackInput, groups: readonly SecurityGroup[], unverifiable: Unverifiable[]): Map<string, SecurityGroup> {
  const bySubnet = new Map<string, SecurityGroup>();
  for (const association of stack.resources.filter((r) => r.type === 'azurerm_subnet_network_security_group_association')) {
    const subnet = targetOf(stack, association, [], 'subnet_id', 'azurerm_subnet');
    const groupAddress = targetOf(stack, association, [], 'network_security_group_id', 'azurerm_network_security_group');
    const group = groups.find((g) => g.address === groupAddress);
    if (!subnet || !group) {
      unverifiable.push({ address: association.address, path: `${association.jsonPath}.subnet_id`, reason: `${association.address} does not name a subnet and a network security group of the stack` });
      continue;
    }
    bySubnet.set(subnet, group);
  }
  return bySubnet;
}

/**
 * The VirtualNetwork tag: the address spaces of the stack's VNets, else the network ranges the unit
 * declares for an existing VNet (`"//".cxunit.boundaries.networkRanges`), plus the peer units' ranges when
 * the stack peers (VNet peering adds the peers' spaces to the tag). Undefined when neither is known.
 */
function virtualNetworkRanges(stack: StackInput, boundaries: UnitBoundaries | undefined): string[] | undefined {
  const declared = stack.resources.filter((r) => r.type === 'azurerm_virtual_network').flatMap((vnet) => {
    const space = read(vnet, 'address_space');
    return space.kind === 'value' && Array.isArray(space.value) ? space.value.filter((s): s is string => typeof s === 'string' && !s.includes('${')) : [];
  });
  const spaces = declared.length > 0 ? declared : [...(boundaries?.networkRanges ?? [])];
  if (spaces.length === 0) return undefined;
  const peered = stack.resources.some((r) => r.type === 'azurerm_virtual_network_peering');
  const crossRegion = boundaries?.crossRegion;
  return [...spaces, ...(peered ? crossRegion?.peerNetworkRanges ?? crossRegion?.peerRanges ?? [] : [])];
}

function poolSites(stack: StackInput): PoolSite[] {
  const sites: PoolSite[] = [];
  for (const cluster of stack.resources.filter((r) => r.type === 'azurerm_kubernetes_cluster')) {
    const name = read(cluster, 'default_node_pool', 'name');
    sites.push({ resource: cluster, at: ['default_node_pool'], label: `the default node pool${name.kind === 'value' ? ` "${String(name.value)}"` : ''} of ${cluster.address}` });
  }
  for (const pool of stack.resources.filter((r) => r.type === 'azurerm_kubernetes_cluster_node_pool')) {
    const name = read(pool, 'name');
    sites.push({ resource: pool, at: [], label: name.kind === 'value' ? `node pool "${String(name.value)}"` : `node pool ${pool.address}` });
  }
  return sites;
}

/** The unit's kinds whose selector (a `genesys.com/node-pool` label value, unit metadata `nodeTags`) the pool carries. */
function poolKinds(site: PoolSite, boundaries: UnitBoundaries | undefined): NodePoolKind[] {
  const label = read(site.resource, ...site.at, 'node_labels', AZURE_POOL_SELECTOR_LABEL);
  if (label.kind !== 'value') return [];
  return (Object.entries(boundaries?.nodeTags ?? {}) as Array<[NodePoolKind, string | undefined]>).filter(([, value]) => value === label.value).map(([kind]) => kind);
}

function asgIdsOf(site: PoolSite): string[] {
  const ids = read(site.resource, ...site.at, 'node_network_profile', 'application_security_group_ids');
  return ids.kind === 'value' && Array.isArray(ids.value) ? ids.value.map(String) : [];
}

function poolKindNames(nodeTags: UnitBoundaries['nodeTags']): PoolKindNames {
  return {
    targets: (kinds) => `pools labelled ${AZURE_POOL_SELECTOR_LABEL}=${kinds.map((kind) => nodeTags[kind] ?? kind).join(', ')}`,
    absent: (kind) => ({
      reason: `no AKS node pool is labelled ${AZURE_POOL_SELECTOR_LABEL}=${nodeTags[kind] ?? kind}`,
      path: 'nodeTags',
      fix: `add the label to the pool's node_labels, or correct "//".cxunit.boundaries.nodeTags`,
    }),
  };
}

/** Resource types whose presence makes a stack an Azure one for the flow analysis. */
const AZURE_NETWORK_TYPES = new Set(['azurerm_network_security_group', 'azurerm_network_security_rule', 'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool', 'azurerm_subnet_network_security_group_association']);

export const AZURE_FLOW_EVALUATOR: FlowEvaluator = {
  cloud: 'azure',
  appliesTo: (stack) => stack.resources.some((r) => AZURE_NETWORK_TYPES.has(r.type)),
  analyze: analyzeNsgs,
};
