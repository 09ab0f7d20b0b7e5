import { formatPortRange, parsePortSpec, PortRange } from '../architecture/ports';
import { AddressInterval, FAMILY_MAX, Family, mergeIntervals, parseAddressRange } from '../network/address-set';

/**
 * Azure network security group semantics, exact and pure (no Terraform, no cdktf). Sources: Microsoft's
 * "Network security groups" overview (security rules table, default security rules, augmented rules),
 * "How network security groups filter network traffic" and "Virtual network service tags"; azurerm 4.55
 * `network_security_group` / `network_security_rule` argument reference.
 *
 * - A rule has a priority from 100 to 4096; rules are processed from the lowest number up and the first
 *   rule that matches decides: there is no tie-break because a priority is unique per direction.
 * - Every NSG also holds six default rules (65000, 65001, 65500 in each direction) that custom rules can
 *   only override by matching first.
 * - Addresses are `*`, a service tag (`VirtualNetwork`, `AzureLoadBalancer`, `Internet`), CIDRs or
 *   application security groups; which addresses a tag or a group stands for is the caller's
 *   AddressContext (the VNet's address space, the group's members).
 * - Ports are `*`, `N`, `N-M` or lists of them, for source and destination.
 */

export type NsgDirection = 'Inbound' | 'Outbound';
export type NsgAccess = 'Allow' | 'Deny';
export type NsgProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

/** IP protocol numbers of the protocols an NSG rule can name. */
export const NSG_PROTOCOL_NUMBERS: Readonly<Record<Exclude<NsgProtocol, '*'>, number>> = { Icmp: 1, Tcp: 6, Udp: 17, Esp: 50, Ah: 51 };
/** Protocols that carry ports: a rule that restricts ports only ever matches these. */
export const PORTED_PROTOCOL_NUMBERS: ReadonlySet<number> = new Set([6, 17]);

export const MIN_CUSTOM_PRIORITY = 100;
export const MAX_CUSTOM_PRIORITY = 4096;

/** The service tags whose addresses follow from a unit's own configuration. */
export type KnownServiceTag = 'VirtualNetwork' | 'AzureLoadBalancer' | 'Internet';
export const KNOWN_SERVICE_TAGS: readonly KnownServiceTag[] = ['VirtualNetwork', 'AzureLoadBalancer', 'Internet'];

/**
 * The host's virtual IP, where Azure load-balancer health probes come from: what the `AzureLoadBalancer`
 * tag stands for ("Virtual network service tags": AzureLoadBalancer).
 */
export const AZURE_LOAD_BALANCER_ADDRESS = '168.63.129.16/32';

/** One side of a rule as written. */
export type AddressSelector =
  | { readonly kind: 'any' }
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'prefixes'; readonly prefixes: readonly string[] }
  | { readonly kind: 'asgs'; readonly ids: readonly string[] };

export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: NsgDirection;
  readonly access: NsgAccess;
  readonly protocol: NsgProtocol;
  readonly source: AddressSelector;
  readonly destination: AddressSelector;
  readonly sourcePorts: readonly PortRange[];
  readonly destinationPorts: readonly PortRange[];
  /** One of the six rules every NSG holds. */
  readonly isDefault: boolean;
  /** Resource address (`azurerm_network_security_rule.x`, `azurerm_network_security_group.y`) for messages. */
  readonly address?: string;
  /** JSON path of the rule in its file. */
  readonly jsonPath?: string;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };
const ANY: AddressSelector = { kind: 'any' };

function defaultRule(name: string, priority: number, direction: NsgDirection, access: NsgAccess, source: AddressSelector, destination: AddressSelector): NsgRule {
  return { name, priority, direction, access, protocol: '*', source, destination, sourcePorts: [ALL_PORTS], destinationPorts: [ALL_PORTS], isDefault: true };
}

const VNET: AddressSelector = { kind: 'tag', tag: 'VirtualNetwork' };

/** The default security rules ("Network security groups": Default security rules). */
export const DEFAULT_RULES: readonly NsgRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'Inbound', 'Allow', VNET, VNET),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', { kind: 'tag', tag: 'AzureLoadBalancer' }, ANY),
  defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', ANY, ANY),
  defaultRule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', VNET, VNET),
  defaultRule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', ANY, { kind: 'tag', tag: 'Internet' }),
  defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', ANY, ANY),
];

/** What tags and application security groups stand for where the NSG is evaluated. */
export interface AddressContext {
  /**
   * The `VirtualNetwork` tag: the VNet's address space, peered VNets' spaces, connected on-premises
   * ranges and user-defined route prefixes ("Virtual network service tags"). Unknown: rules naming it
   * cannot be evaluated.
   */
  readonly virtualNetwork?: readonly string[];
  /** Addresses of the network interfaces in each application security group, by the group's id. */
  readonly applicationSecurityGroups?: ReadonlyMap<string, readonly string[]>;
}

const WHOLE: Readonly<Record<Family, AddressInterval>> = {
  4: { family: 4, first: 0n, last: FAMILY_MAX[4] },
  6: { family: 6, first: 0n, last: FAMILY_MAX[6] },
};

/** The addresses a selector stands for, or why they cannot be known. */
export function selectorAddresses(selector: AddressSelector, context: AddressContext): AddressInterval[] | { readonly unknown: string } {
  switch (selector.kind) {
    case 'any':
      return [WHOLE[4], WHOLE[6]];
    case 'prefixes':
      return parseAll(selector.prefixes);
    case 'asgs': {
      const members: string[] = [];
      for (const id of selector.ids) {
        const addresses = context.applicationSecurityGroups?.get(id);
        if (!addresses) return { unknown: `the members of application security group ${id} are not known` };
        members.push(...addresses);
      }
      return parseAll(members);
    }
    case 'tag': {
      const tag = canonicalTag(selector.tag);
      if (tag === 'AzureLoadBalancer') return parseAll([AZURE_LOAD_BALANCER_ADDRESS]);
      if (tag === 'VirtualNetwork' || tag === 'Internet') {
        if (!context.virtualNetwork) return { unknown: `the addresses of the ${tag} service tag are not known (the virtual network's address space is not in the configuration)` };
        const vnet = parseAll(context.virtualNetwork);
        if (!Array.isArray(vnet)) return vnet;
        return tag === 'VirtualNetwork' ? vnet : complement(vnet);
      }
      return { unknown: `service tag "${selector.tag}" stands for Microsoft-managed ranges that the configuration does not show` };
    }
  }
}

/** Tag names are case-insensitive in the Azure API; `Any` is `*`. */
export function canonicalTag(tag: string): KnownServiceTag | '*' | string {
  const lower = tag.toLowerCase();
  if (lower === 'any' || tag === '*') return '*';
  return KNOWN_SERVICE_TAGS.find((t) => t.toLowerCase() === lower) ?? tag;
}

function parseAll(prefixes: readonly string[]): AddressInterval[] | { readonly unknown: string } {
  const intervals: AddressInterval[] = [];
  for (const prefix of prefixes) {
    const parsed = parseAddressRange(prefix);
    if (typeof parsed === 'string') return { unknown: parsed };
    intervals.push(parsed);
  }
  return mergeIntervals(intervals);
}

/** Every address (both families) outside the given ones. */
export function complement(intervals: readonly AddressInterval[]): AddressInterval[] {
  const merged = mergeIntervals(intervals);
  const result: AddressInterval[] = [];
  for (const family of [4, 6] as const) {
    let next = 0n;
    for (const interval of merged.filter((i) => i.family === family)) {
      if (interval.first > next) result.push({ family, first: next, last: interval.first - 1n });
      next = interval.last + 1n;
    }
    if (next <= FAMILY_MAX[family]) result.push({ family, first: next, last: FAMILY_MAX[family] });
  }
  return result;
}

/**
 * Parses an NSG port field: `*`, `N`, `N-M`; a list field holds several. Returns a message (the bad
 * value and how to write it) instead of throwing.
 */
export function parseNsgPorts(specs: readonly string[]): PortRange[] | string {
  const ranges: PortRange[] = [];
  for (const spec of specs) {
    const text = spec.trim();
    if (text === '*') {
      ranges.push(ALL_PORTS);
      continue;
    }
    // Azure accepts 0 as a port (0-65535 is "all"); parsePortSpec starts at 1.
    const zero = /^0(?:-(\d+))?$/.exec(text);
    const parsed = zero ? { from: 0, to: zero[1] !== undefined ? Number(zero[1]) : 0 } : parsePortSpec(text);
    if (typeof parsed === 'string' || parsed.to > 65535 || parsed.from > parsed.to) {
      return `port "${spec}" is not an NSG port: write "*", a port such as "443", or a range such as "20000-45000" (0-65535)`;
    }
    ranges.push(parsed);
  }
  return ranges;
}

export function describePorts(ranges: readonly PortRange[]): string {
  return ranges.map((r) => (r.from === ALL_PORTS.from && r.to === ALL_PORTS.to ? '*' : formatPortRange(r))).join(',');
}

/** The six default rules after a set of custom rules, in processing order. */
export function processingOrder(rules: readonly NsgRule[], direction: NsgDirection): NsgRule[] {
  return [...rules, ...DEFAULT_RULES].filter((r) => r.direction === direction).sort((a, b) => a.priority - b.priority);
}

/**
 * Duplicate priorities per direction: Azure refuses them ("You can't create two security rules with the
 * same priority and direction"), so such a configuration never applies as written.
 */
export function duplicatePriorities(rules: readonly NsgRule[]): Array<{ readonly direction: NsgDirection; readonly priority: number; readonly rules: readonly NsgRule[] }> {
  const groups = new Map<string, NsgRule[]>();
  for (const rule of rules.filter((r) => !r.isDefault)) {
    const key = `${rule.direction}|${rule.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => ({ direction: g[0].direction, priority: g[0].priority, rules: g }));
}

// ---------------------------------------------------------------------------------------------------
// Exact evaluation: elementary cells over (protocol, source address, source port, destination address,
// destination port). Inside a cell every rule matches all of it or none of it, so the first matching
// rule of one point of the cell decides the whole cell. Nothing is sampled.

/** A protocol number, or `other`: every IP protocol no rule names. */
export type ProtocolAtom = number | 'other';

/** A rule with its addresses resolved in one context. */
interface ResolvedRule {
  readonly rule: NsgRule;
  readonly protocols: ReadonlySet<number> | 'all';
  readonly sources: readonly AddressInterval[];
  readonly destinations: readonly AddressInterval[];
  /** Undefined when the rule does not restrict them (matches every protocol it names). */
  readonly sourcePorts?: readonly PortRange[];
  readonly destinationPorts?: readonly PortRange[];
}

export interface NsgCell {
  readonly protocol: ProtocolAtom;
  readonly source: AddressInterval;
  readonly sourcePorts?: PortRange;
  readonly destination: AddressInterval;
  readonly destinationPorts?: PortRange;
  readonly decidedBy: NsgRule;
}

export interface NsgEvaluation {
  readonly direction: NsgDirection;
  /** Every cell, each with the rule that decides it. */
  readonly cells: readonly NsgCell[];
}

export interface EvaluationScope {
  /** Only these source addresses (e.g. the peers of documented flows): cells outside are not computed. */
  readonly sources?: readonly AddressInterval[];
  /** Only these destination addresses (e.g. a node pool's subnet for inbound traffic). */
  readonly destinations?: readonly AddressInterval[];
  /** Extra cell boundaries: documented peers and ports, so that each documented flow is a union of cells. */
  readonly sourceBlocks?: readonly AddressInterval[];
  readonly destinationBlocks?: readonly AddressInterval[];
  readonly ports?: readonly PortRange[];
}

/**
 * Evaluates one direction of an NSG exactly. Throws nothing for odd rules: an unresolvable address
 * makes the whole evaluation unknown (returned as `{ unknown }`), because a rule that cannot be
 * placed could decide any cell after it.
 */
export function evaluateNsg(rules: readonly NsgRule[], direction: NsgDirection, context: AddressContext, scope: EvaluationScope = {}): NsgEvaluation | { readonly unknown: string; readonly rule: NsgRule } {
  const ordered = processingOrder(rules, direction);
  const resolved: ResolvedRule[] = [];
  for (const rule of ordered) {
    const sources = selectorAddresses(rule.source, context);
    if (!Array.isArray(sources)) return { unknown: sources.unknown, rule };
    const destinations = selectorAddresses(rule.destination, context);
    if (!Array.isArray(destinations)) return { unknown: destinations.unknown, rule };
    resolved.push({
      rule, sources, destinations,
      protocols: rule.protocol === '*' ? 'all' : new Set([NSG_PROTOCOL_NUMBERS[rule.protocol]]),
      ...(isAllPorts(rule.sourcePorts) ? {} : { sourcePorts: rule.sourcePorts }),
      ...(isAllPorts(rule.destinationPorts) ? {} : { destinationPorts: rule.destinationPorts }),
    });
  }

  const atoms = protocolAtoms(ordered);
  const sourceCells = addressCells(resolved.flatMap((r) => r.sources), scope.sourceBlocks ?? [], scope.sources);
  const destinationCells = addressCells(resolved.flatMap((r) => r.destinations), scope.destinationBlocks ?? [], scope.destinations);
  const cells: NsgCell[] = [];
  for (const atom of atoms) {
    const ported = atom !== 'other' && PORTED_PROTOCOL_NUMBERS.has(atom);
    const forAtom = resolved.filter((r) => (r.protocols === 'all' || (atom !== 'other' && r.protocols.has(atom))) && (ported || (!r.sourcePorts && !r.destinationPorts)));
    const sourcePortCells = ported ? portCells(forAtom.flatMap((r) => r.sourcePorts ?? []), []) : [undefined];
    const destinationPortCells = ported ? portCells(forAtom.flatMap((r) => r.destinationPorts ?? []), scope.ports ?? []) : [undefined];
    for (const source of sourceCells) {
      const bySource = forAtom.filter((r) => r.sources.some((s) => contains(s, source)));
      for (const destination of destinationCells) {
        const byAddress = bySource.filter((r) => r.destinations.some((d) => contains(d, destination)));
        for (const sourcePorts of sourcePortCells) {
          const bySourcePort = byAddress.filter((r) => !sourcePorts || !r.sourcePorts || r.sourcePorts.some((p) => p.from <= sourcePorts.from && sourcePorts.to <= p.to));
          for (const destinationPorts of destinationPortCells) {
            const decider = bySourcePort.find((r) => !destinationPorts || !r.destinationPorts || r.destinationPorts.some((p) => p.from <= destinationPorts.from && destinationPorts.to <= p.to));
            if (!decider) throw new Error('no rule decided a cell: DenyAll must match everything');
            cells.push({ protocol: atom, source, destination, ...(sourcePorts ? { sourcePorts } : {}), ...(destinationPorts ? { destinationPorts } : {}), decidedBy: decider.rule });
          }
        }
      }
    }
  }
  return { direction, cells };
}

/** A packet, for point queries (`decisionFor`) and for tests. */
export interface Packet {
  readonly protocol: number;
  readonly family: Family;
  readonly source: bigint;
  readonly destination: bigint;
  /** Ignored for protocols without ports. */
  readonly sourcePort: number;
  readonly destinationPort: number;
}

/** The rule that decides one packet, looked up in an evaluation's cells. */
export function decisionFor(evaluation: NsgEvaluation, packet: Packet): NsgRule | undefined {
  const ported = PORTED_PROTOCOL_NUMBERS.has(packet.protocol);
  const atoms = new Set(evaluation.cells.map((c) => c.protocol));
  const atom: ProtocolAtom = atoms.has(packet.protocol) ? packet.protocol : 'other';
  const inside = (interval: AddressInterval, value: bigint) => interval.family === packet.family && interval.first <= value && value <= interval.last;
  const cell = evaluation.cells.find((c) => c.protocol === atom && inside(c.source, packet.source) && inside(c.destination, packet.destination)
    && (!ported || !c.sourcePorts || (c.sourcePorts.from <= packet.sourcePort && packet.sourcePort <= c.sourcePorts.to))
    && (!ported || !c.destinationPorts || (c.destinationPorts.from <= packet.destinationPort && packet.destinationPort <= c.destinationPorts.to)));
  return cell?.decidedBy;
}

function isAllPorts(ranges: readonly PortRange[]): boolean {
  return ranges.some((r) => r.from <= ALL_PORTS.from && r.to >= ALL_PORTS.to);
}

function contains(outer: AddressInterval, inner: AddressInterval): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

function protocolAtoms(rules: readonly NsgRule[]): ProtocolAtom[] {
  const named = new Set<number>([6, 17]);
  for (const rule of rules) if (rule.protocol !== '*') named.add(NSG_PROTOCOL_NUMBERS[rule.protocol]);
  return [...[...named].sort((a, b) => a - b), 'other'];
}

function portCells(ruleRanges: readonly PortRange[], extra: readonly PortRange[]): PortRange[] {
  const points = new Set<number>([ALL_PORTS.from]);
  for (const range of [...ruleRanges, ...extra]) {
    points.add(range.from);
    if (range.to < ALL_PORTS.to) points.add(range.to + 1);
  }
  const sorted = [...points].sort((a, b) => a - b);
  return sorted.map((from, i) => ({ from, to: i + 1 < sorted.length ? sorted[i + 1] - 1 : ALL_PORTS.to }));
}

/** Elementary address cells of both families, restricted to `within` when given. */
function addressCells(ruleBlocks: readonly AddressInterval[], extra: readonly AddressInterval[], within?: readonly AddressInterval[]): AddressInterval[] {
  const limit = within ? mergeIntervals(within) : [WHOLE[4], WHOLE[6]];
  const cells: AddressInterval[] = [];
  for (const family of [4, 6] as const) {
    const points = new Set<bigint>([0n]);
    for (const block of [...ruleBlocks, ...extra, ...limit]) {
      if (block.family !== family) continue;
      points.add(block.first);
      if (block.last < FAMILY_MAX[family]) points.add(block.last + 1n);
    }
    const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((first, i) => {
      const last = i + 1 < sorted.length ? sorted[i + 1] - 1n : FAMILY_MAX[family];
      const cell = { family, first, last };
      if (limit.some((l) => contains(l, cell))) cells.push(cell);
    });
  }
  return cells;
}
