import { formatPortRange, PortRange } from '../architecture/ports';
import type { StackInput } from '../policy/model';
import {
  AddressInterval, addressRange, Family, FAMILY_MAX, intervalContains, intervalToCidrs, mergeIntervals, NON_PUBLIC_RANGES,
} from './address-set';
import type { Direction, DocumentedFlow } from './documented-flows';
import {
  ALL_PORTS, evaluationOrder, FirewallModel, FirewallRule, IMPLIED_ALLOW_EGRESS, IMPLIED_DENY_INGRESS, IMPLIED_NO_IPV6, impliedRules, NodePool, PORTED_PROTOCOLS, PROTOCOL_NUMBERS, readFirewallModel, SenderClass,
} from './gcp-resources';
import { append, omit } from './collections';

/**
 * GCP firewall semantics, evaluated exactly. For one node pool and one direction, every boundary point
 * of every rule and every documented flow (addresses, ports) cuts the space into elementary cells:
 * inside a cell every rule either matches all of it or none of it, so deciding one point per cell decides
 * the whole space. Per cell, the first matching rule in priority order (deny before allow at equal
 * priority, GCP's implied rules at 65535) decides. Nothing is sampled.
 */

/** A protocol number, or `other`: every IP protocol no rule names. */
export type ProtocolAtom = number | 'other';

export interface Decision {
  readonly rule: FirewallRule;
  /** Index into rule.protocols of the block that matched. */
  readonly match: number;
}

export interface AtomGrid {
  readonly atom: ProtocolAtom;
  /** Elementary port cells (one cell, 0-65535, for protocols without ports). */
  readonly ports: readonly PortRange[];
  /** Elementary address cells, IPv4 then IPv6. */
  readonly addresses: readonly AddressInterval[];
  /** decisions[a * ports.length + p]. */
  readonly decisions: readonly Decision[];
  /** Traffic from instances matched by source tags / service accounts: decisions per port cell (INGRESS only). */
  readonly senders: ReadonlyArray<{ readonly sender: SenderClass; readonly decisions: ReadonlyArray<Decision | undefined> }>;
}

export interface PoolGrid {
  readonly pool: NodePool;
  readonly direction: Direction;
  readonly atoms: readonly AtomGrid[];
}

export interface GridExtras {
  /** Address blocks that must be cell boundaries (documented peers, non-public ranges). */
  readonly blocks?: readonly AddressInterval[];
  /** Port ranges that must be cell boundaries (documented ports). */
  readonly ports?: readonly PortRange[];
}

/** The protocols a grid distinguishes: tcp and udp (the documented ones), every one a rule names, and `other`. */
export function protocolAtoms(model: FirewallModel): ProtocolAtom[] {
  const named = new Set<number>([PROTOCOL_NUMBERS.tcp, PROTOCOL_NUMBERS.udp]);
  for (const rule of model.rules) for (const match of rule.protocols) if (match.protocol !== 'all') named.add(match.protocol);
  return [...[...named].sort((a, b) => a - b), 'other'];
}

export function evaluatePool(model: FirewallModel, pool: NodePool, direction: Direction, extras: GridExtras = {}): PoolGrid {
  // A stable sort keeps the network's rules before an implied rule of the same priority and action.
  const rules = [...model.rules.filter((r) => r.direction === direction && r.targets.has(pool.id)), ...impliedRules(direction, model.ipv6)].sort(evaluationOrder);
  const atoms = protocolAtoms(model).map((atom) => evaluateAtom(rules, atom, direction === 'INGRESS' ? model.senderClasses : [], extras));
  return { pool, direction, atoms };
}

function covers(match: FirewallRule['protocols'][number], atom: ProtocolAtom): boolean {
  return match.protocol === 'all' || match.protocol === atom;
}

function evaluateAtom(allRules: readonly FirewallRule[], atom: ProtocolAtom, senderClasses: readonly SenderClass[], extras: GridExtras): AtomGrid {
  const ported = atom !== 'other' && PORTED_PROTOCOLS.has(atom);
  const rules = allRules.filter((r) => r.protocols.some((m) => covers(m, atom)));

  const portPoints = new Set<number>([ALL_PORTS.from]);
  if (ported) {
    const addRange = (range: PortRange) => {
      portPoints.add(range.from);
      if (range.to < ALL_PORTS.to) portPoints.add(range.to + 1);
    };
    for (const rule of rules) for (const match of rule.protocols) if (covers(match, atom)) match.ports?.forEach(addRange);
    extras.ports?.forEach(addRange);
  }
  const ports = portCells([...portPoints].sort((a, b) => a - b), ALL_PORTS.to).map(([from, to]) => ({ from, to }));

  const addresses: AddressInterval[] = [];
  for (const family of [4, 6] as const) {
    const points = new Set<bigint>([0n]);
    const addBlock = (block: AddressInterval) => {
      if (block.family !== family) return;
      points.add(block.first);
      if (block.last < FAMILY_MAX[family]) points.add(block.last + 1n);
    };
    for (const rule of rules) rule.peers.forEach(addBlock);
    extras.blocks?.forEach(addBlock);
    const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [first, last] of addressCells(sorted, FAMILY_MAX[family])) addresses.push({ family, first, last });
  }

  const matchIn = (rule: FirewallRule, port: PortRange): number =>
    rule.protocols.findIndex((m) => covers(m, atom) && (!ported || m.ports === undefined || m.ports.some((r) => r.from <= port.from && port.to <= r.to)));

  const decisions: Decision[] = [];
  for (const address of addresses) {
    const candidates = rules.filter((r) => r.peers.some((p) => intervalContains(p, address)));
    for (const port of ports) decisions.push(decide(candidates, port, matchIn));
  }

  const senders = senderClasses.map((sender) => {
    const candidates = rules.filter((r) => r.senders.has(sender.id) || r.peersCoverAllIpv4);
    return {
      sender,
      decisions: ports.map((port) => {
        const decision = decide(candidates, port, matchIn);
        // Traffic a rule lets in by address range is already in the address cells.
        return decision.rule.senders.has(sender.id) && !decision.rule.peersCoverAllIpv4 ? decision : undefined;
      }),
    };
  });
  return { atom, ports, addresses, decisions, senders };
}

function decide(candidates: readonly FirewallRule[], port: PortRange, matchIn: (rule: FirewallRule, port: PortRange) => number): Decision {
  for (const rule of candidates) {
    const match = matchIn(rule, port);
    if (match >= 0) return { rule, match };
  }
  throw new Error('no rule decided a cell: the implied rule must match everything');
}

/** Sorted boundary points → inclusive [first, last] cells up to max. */
function portCells(points: readonly number[], max: number): Array<[number, number]> {
  return points.map((point, i) => [point, i + 1 < points.length ? points[i + 1] - 1 : max]);
}

function addressCells(points: readonly bigint[], max: bigint): Array<[bigint, bigint]> {
  return points.map((point, i) => [point, i + 1 < points.length ? points[i + 1] - 1n : max]);
}

/** The decision for one point (for tests and for `cxunit flows --at`): binary search over the cells. */
export function decisionAt(grid: PoolGrid, protocol: ProtocolAtom, family: Family, address: bigint, port: number): Decision {
  const atom = grid.atoms.find((a) => a.atom === protocol) ?? grid.atoms.find((a) => a.atom === 'other')!;
  const a = atom.addresses.findIndex((cell) => cell.family === family && cell.first <= address && address <= cell.last);
  const p = atom.ports.findIndex((cell) => cell.from <= port && port <= cell.to);
  return atom.decisions[a * atom.ports.length + p];
}

// ---------------------------------------------------------------------------------------------------
// Regions: cells merged back into readable flows (address blocks x one port range).

export interface Region {
  readonly addresses: readonly AddressInterval[];
  /** Undefined for protocols without ports. */
  readonly ports?: PortRange;
}

export interface Cell {
  readonly address: number;
  readonly port: number;
}

/** Merges cells of one atom grid into regions: per port range, the address blocks open on exactly it. */
export function regionsOf(grid: AtomGrid, cells: readonly Cell[]): Region[] {
  const ported = grid.atom !== 'other' && PORTED_PROTOCOLS.has(grid.atom);
  const portsByAddress = new Map<number, number[]>();
  for (const cell of cells) {
    const list = portsByAddress.get(cell.address) ?? [];
    list.push(cell.port);
    portsByAddress.set(cell.address, list);
  }
  const addressesByPorts = new Map<string, { ranges: PortRange[]; addresses: AddressInterval[] }>();
  for (const [address, portIndexes] of portsByAddress) {
    const ranges = mergePortCells(grid.ports, portIndexes);
    const key = ranges.map(formatPortRange).join(',');
    const entry = addressesByPorts.get(key) ?? { ranges, addresses: [] };
    entry.addresses.push(grid.addresses[address]);
    addressesByPorts.set(key, entry);
  }
  const regions: Region[] = [];
  for (const { ranges, addresses } of addressesByPorts.values()) {
    const merged = mergeIntervals(addresses);
    for (const range of ranges) regions.push(ported ? { addresses: merged, ports: range } : { addresses: merged });
  }
  return regions.sort(compareRegions);
}

function mergePortCells(cells: readonly PortRange[], indexes: readonly number[]): PortRange[] {
  const ranges: PortRange[] = [];
  for (const index of [...new Set(indexes)].sort((a, b) => a - b)) {
    const cell = cells[index];
    const last = ranges[ranges.length - 1];
    if (last && last.to + 1 === cell.from) ranges[ranges.length - 1] = { from: last.from, to: cell.to };
    else ranges.push(cell);
  }
  return ranges;
}

function compareRegions(a: Region, b: Region): number {
  const first = (r: Region) => r.addresses[0];
  const fa = first(a);
  const fb = first(b);
  if (fa && fb && (fa.family !== fb.family || fa.first !== fb.first)) return fa.family - fb.family || (fa.first < fb.first ? -1 : 1);
  return (a.ports?.from ?? 0) - (b.ports?.from ?? 0);
}

export function cidrsOf(addresses: readonly AddressInterval[]): string[] {
  return addresses.flatMap(intervalToCidrs);
}

export function protocolName(atom: ProtocolAtom | 'all'): string {
  if (atom === 'all') return 'all protocols';
  if (atom === 'other') return 'other protocols';
  const name = Object.entries(PROTOCOL_NUMBERS).find(([, number]) => number === atom)?.[0];
  return name ?? `protocol ${atom}`;
}

/** `tcp 443`, `udp 20000-45000`, `tcp (all ports)`, `icmp`, `all protocols`. */
export function describeTraffic(atom: ProtocolAtom | 'all', ports?: PortRange): string {
  const name = protocolName(atom);
  if (!ports) return name;
  if (ports.from === ALL_PORTS.from && ports.to === ALL_PORTS.to) return `${name} (all ports)`;
  return `${name} ${formatPortRange(ports)}`;
}

export function describeRule(rule: FirewallRule): string {
  if (rule.address === IMPLIED_DENY_INGRESS) return 'the implied deny-ingress rule';
  if (rule.address === IMPLIED_ALLOW_EGRESS) return 'the implied allow-egress rule';
  if (rule.address === IMPLIED_NO_IPV6) return 'the network having no IPv6';
  return `${rule.address} (${rule.action}, priority ${rule.priority})`;
}

// ---------------------------------------------------------------------------------------------------
// The analysis of a stack, shared by the rules and the `flows` command.

export interface FlowAnalysis {
  readonly model: FirewallModel;
  /** One grid per node pool and direction. */
  readonly grids: readonly PoolGrid[];
}

/** Boundaries every analysis keeps as cells, so that "from the whole internet" is exact. */
const NON_PUBLIC_BLOCKS: readonly AddressInterval[] = NON_PUBLIC_RANGES.map(addressRange);

const analyses = new WeakMap<StackInput, Map<string, FlowAnalysis>>();

/**
 * Reads a stack's firewall model and evaluates every pool in both directions; cached per stack and set
 * of documented flows, since several rules look at the same cells.
 */
export function analyzeFlows(stack: StackInput, documented: readonly DocumentedFlow[] = []): FlowAnalysis {
  const key = documented.map((f) => `${f.direction}|${f.protocol}|${f.ports?.from}-${f.ports?.to}|${f.peers.join(',')}`).join(';');
  let byKey = analyses.get(stack);
  if (!byKey) analyses.set(stack, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const model = readFirewallModel(stack);
  // Cell boundaries for the documented flows of each direction; INGRESS also keeps the internet's edges.
  const extras = (direction: Direction): GridExtras => {
    const flows = documented.filter((f) => f.direction === direction);
    return {
      blocks: [...(direction === 'INGRESS' ? NON_PUBLIC_BLOCKS : []), ...flows.flatMap((f) => f.peers.map(addressRange))],
      ports: flows.flatMap((f) => (f.ports ? [f.ports] : [])),
    };
  };
  const byDirection = { INGRESS: extras('INGRESS'), EGRESS: extras('EGRESS') };
  const grids = model.unverifiable.length > 0 ? [] : model.pools.flatMap((pool) => (['INGRESS', 'EGRESS'] as const).map((direction) => evaluatePool(model, pool, direction, byDirection[direction])));
  const analysis = { model, grids };
  byKey.set(key, analysis);
  return analysis;
}

// ---------------------------------------------------------------------------------------------------
// Opened flows (what `cxunit flows` prints).

export interface OpenedFlow {
  readonly pool: string;
  readonly direction: Direction;
  /** `tcp`, `udp`, `icmp`, `protocol 47`, `other protocols` or `all protocols`. */
  readonly protocol: string;
  /** `443`, `20000-45000` or `all`; absent for protocols without ports. */
  readonly ports?: string;
  /** CIDR blocks, or instances (`instances tagged bastion`). */
  readonly peers: readonly string[];
  /** Resource address of the rule that opens it, or `implied-allow-egress`. */
  readonly openedBy: string;
}

export function openedFlows(analysis: FlowAnalysis): OpenedFlow[] {
  const flows: OpenedFlow[] = [];
  for (const grid of analysis.grids) {
    const groups = groupAllowed(grid);
    for (const group of groups) {
      flows.push({
        pool: grid.pool.label, direction: grid.direction, protocol: protocolName(group.atom),
        ...(group.ports ? { ports: group.ports.from === ALL_PORTS.from && group.ports.to === ALL_PORTS.to ? 'all' : formatPortRange(group.ports) } : {}),
        peers: group.peers, openedBy: group.rule.address,
      });
    }
  }
  return flows;
}

export interface AllowedGroup {
  readonly rule: FirewallRule;
  readonly atom: ProtocolAtom | 'all';
  readonly ports?: PortRange;
  readonly peers: readonly string[];
}

/** The allowed cells of a pool grid as flows per opening rule; all protocols merged when a rule opens every one alike. */
export function groupAllowed(grid: PoolGrid, include: (atom: AtomGrid, address: number, port: number, decision: Decision) => boolean = () => true): AllowedGroup[] {
  const perAtom: AllowedGroup[] = [];
  for (const atom of grid.atoms) {
    const byRule = new Map<FirewallRule, Cell[]>();
    atom.decisions.forEach((decision, index) => {
      if (decision.rule.action !== 'allow') return;
      const cell = { address: Math.floor(index / atom.ports.length), port: index % atom.ports.length };
      if (!include(atom, cell.address, cell.port, decision)) return;
      append(byRule, decision.rule, cell);
    });
    for (const [rule, cells] of byRule) {
      for (const region of regionsOf(atom, cells)) perAtom.push({ rule, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), peers: cidrsOf(region.addresses) });
    }
    for (const { sender, decisions } of atom.senders) {
      const byRuleSender = new Map<FirewallRule, number[]>();
      decisions.forEach((decision, port) => {
        if (decision?.rule.action === 'allow') append(byRuleSender, decision.rule, port);
      });
      for (const [rule, ports] of byRuleSender) {
        for (const range of mergePortCells(atom.ports, ports)) {
          const ported = atom.atom !== 'other' && PORTED_PROTOCOLS.has(atom.atom);
          perAtom.push({ rule, atom: atom.atom, ...(ported ? { ports: range } : {}), peers: [sender.label] });
        }
      }
    }
  }
  return mergeAllProtocols(perAtom, grid.atoms.length);
}

/** Flows that a rule opens on every protocol, all ports, to the same peers, become one `all protocols` flow. */
export function mergeAllProtocols<T extends { readonly rule: FirewallRule; readonly atom: ProtocolAtom | 'all'; readonly ports?: PortRange; readonly peers: readonly string[] }>(
  flows: readonly T[], atomCount: number, keyOf: (flow: T) => string = () => ''): T[] {
  const full = (f: T) => !f.ports || (f.ports.from === ALL_PORTS.from && f.ports.to === ALL_PORTS.to);
  const groups = new Map<string, T[]>();
  for (const flow of flows) {
    if (!full(flow)) continue;
    const key = `${keyOf(flow)}|${flow.rule.address}|${flow.peers.join(',')}`;
    append(groups, key, flow);
  }
  const merged = new Set<T>();
  const result: T[] = [];
  for (const group of groups.values()) {
    if (new Set(group.map((f) => f.atom)).size !== atomCount) continue;
    group.forEach((f) => merged.add(f));
    result.push({ ...omit(group[0], 'ports'), atom: 'all' } as unknown as T);
  }
  return [...result, ...flows.filter((f) => !merged.has(f))];
}
