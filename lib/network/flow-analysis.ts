import { formatPortRange, PortRange } from '../architecture/ports';
import { NodePoolKind } from '../architecture/types';
import { AddressInterval, describeAddresses, Family, FAMILY_MAX, intervalToCidrs, mergeIntervals } from './address-set';
import type { Direction } from './documented-flows';
import { append, omit } from './collections';

/**
 * Which flows reach each node pool, in a form that names no cloud: every cloud's evaluator (lib/gcp for
 * firewall rules; see evaluators.ts for the contract) reads its access rules from Terraform JSON into
 * AccessRules in evaluation order and cuts, per node pool and direction, the space of (protocol,
 * address, port) into elementary cells: inside a cell every rule either matches all of it or none of it,
 * so deciding one point per cell decides the whole space. Per cell, the first matching rule in the
 * cloud's order decides. Nothing is sampled. The comparison (flow-comparison.ts) and `cxunit flows` read
 * only this model.
 */

// Loops over rules, blocks and cells are indexed, not for-of: every stack of an estate runs through them mostly
// before V8 has optimized them, and there each step of a for-of (or of destructuring a pair) allocates an
// iterator result (bench/policy.js: about a sixth of what a 100-unit check allocated).

/** IP protocol numbers (IANA) of the protocol names access rules use. */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { icmp: 1, ipip: 4, tcp: 6, udp: 17, esp: 50, ah: 51, sctp: 132 };
/** Protocols that have ports (tcp, udp, sctp). */
export const PORTED_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 132]);
export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

export interface ProtocolMatch {
  /** An IP protocol number, or every protocol. */
  readonly protocol: number | 'all';
  /** Undefined: every port (and always for protocols without ports). */
  readonly ports?: readonly PortRange[];
  /** JSON path of the block that names the protocol. */
  readonly path: string;
}

/** One access rule (a firewall rule, a security rule, or a cloud's implied / default rule) as the evaluation sees it. */
export interface AccessRule {
  /** Resource address, or a name of the cloud's own for an implied / default rule. */
  readonly address: string;
  readonly jsonPath: string;
  /** A rule of the cloud's own (GCP's implied rules, Azure's default rules): not in the Terraform. */
  readonly implied: boolean;
  /** How messages name an implied rule (`the implied deny-ingress rule`). */
  readonly label?: string;
  readonly direction: Direction;
  readonly priority: number;
  readonly action: 'allow' | 'deny';
  readonly protocols: readonly ProtocolMatch[];
  /** Source ranges (INGRESS) or destination ranges (EGRESS). */
  readonly peers: readonly AddressInterval[];
  /** The peer ranges cover every IPv4 address, so the rule matches traffic from any instance too. */
  readonly peersCoverAllIpv4: boolean;
  /** Ids of the node pools the rule applies to. */
  readonly targets: ReadonlySet<string>;
  /** Ids of the sender classes it matches by identity rather than address (INGRESS). */
  readonly senders: ReadonlySet<string>;
  /** Where the rule's peers are written, in the cloud's words (`source_ranges`), for fix texts. */
  readonly peerField?: string;
  /** How to change an implied rule's effect (`associate a network security group with the subnet`), for fix texts. */
  readonly remedy?: string;
}

/** A node pool of the stack, with the unit's pool kinds it serves. */
export interface AnalyzedPool {
  /** Unique within the stack. */
  readonly id: string;
  /** How messages name the pool. */
  readonly label: string;
  readonly address: string;
  readonly jsonPath: string;
  /** The unit's pool kinds this pool is (from the unit metadata); empty for a pool the unit does not declare. */
  readonly kinds: readonly NodePoolKind[];
  /** What `cxunit flows --format json` shows about the pool besides its flows (GCP: tags, service account). */
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
  /** The same, as one line of text (`tags usw1-general; service account …`). */
  readonly summary: string;
}

/** Instances that may send traffic matched by identity (GCP source tags / service accounts). */
export interface SenderClass {
  readonly id: string;
  readonly label: string;
}

/** A value the evaluation needs but cannot read from the Terraform. */
export interface Unverifiable {
  readonly address: string;
  readonly path: string;
  readonly reason: string;
  /**
   * The unreadable rule cannot let traffic in whatever the value is (an EGRESS rule, a deny rule, a
   * disabled rule): what the internet can reach does not depend on it.
   */
  readonly cannotOpenIngress?: boolean;
}

/** How findings name the pools of a unit's pool kinds, in the cloud's words. */
export interface PoolKindNames {
  /** `tags usw1-general, usw1-realtime`. */
  targets(kinds: readonly NodePoolKind[]): string;
  /** Why no pool of the stack is of this kind (`no node pool carries network tag usw1-realtime`), where it is declared and how to fix it. */
  absent(kind: NodePoolKind): { readonly reason: string; readonly path: string; readonly fix: string };
}

/** Which flows reach each pool: what every cloud's evaluator answers, and all the comparison reads. */
export interface FlowAnalysis {
  readonly pools: readonly AnalyzedPool[];
  /**
   * One grid per pool and direction, from the rules that could be read: a rule with unreadable parts is
   * left out and listed in `unverifiable`, so it never hides what the readable rules open.
   */
  readonly grids: readonly PoolGrid[];
  /**
   * The grids of one direction, computed on demand (an evaluator may compute `grids` lazily too): rules that
   * look at one direction call gridsOf() and do not pay for the other.
   */
  gridsFor?(direction: Direction): readonly PoolGrid[];
  /** Rules that decide nothing (GCP `disabled = true`) but say why a flow someone meant to open is closed. */
  readonly disabledRules: readonly AccessRule[];
  /** When not empty, the grids are exact only for the readable rules: what the listed parts open or close is not known. */
  readonly unverifiable: readonly Unverifiable[];
  readonly poolKindNames: PoolKindNames;
}

/** The grids of one direction (see FlowAnalysis.gridsFor). */
export function gridsOf(analysis: FlowAnalysis, direction: Direction): readonly PoolGrid[] {
  return analysis.gridsFor ? analysis.gridsFor(direction) : analysis.grids.filter((g) => g.direction === direction);
}

/** A protocol number, or `other`: every IP protocol no rule names. */
export type ProtocolAtom = number | 'other';

export interface Decision<R extends AccessRule = AccessRule> {
  readonly rule: R;
  /** Index into rule.protocols of the block that matched. */
  readonly match: number;
}

export interface AtomGrid {
  readonly atom: ProtocolAtom;
  /** Elementary port cells (one cell, 0-65535, for protocols without ports). */
  readonly ports: readonly PortRange[];
  /** Elementary address cells, IPv4 then IPv6. */
  readonly addresses: readonly AddressInterval[];
  /**
   * The distinct rows of decisions, one decision per port cell: address cells that the same rules match
   * share one row, so a grid is a few rows however many address cells it has.
   */
  readonly rows: ReadonlyArray<readonly Decision[]>;
  /** rowOf[a]: the index in `rows` of address cell a. */
  readonly rowOf: ArrayLike<number>;
  /** Traffic from instances matched by identity: decisions per port cell (INGRESS only). */
  readonly senders: ReadonlyArray<{ readonly sender: SenderClass; readonly decisions: ReadonlyArray<Decision | undefined> }>;
}

/** The decision for address cell `address` and port cell `port`. */
export function decisionOf(grid: AtomGrid, address: number, port: number): Decision {
  return grid.rows[grid.rowOf[address]][port];
}

export interface PoolGrid {
  readonly pool: AnalyzedPool;
  readonly direction: Direction;
  readonly atoms: readonly AtomGrid[];
}

export interface GridExtras {
  /** Address blocks that must be cell boundaries (documented peers). */
  readonly blocks?: readonly AddressInterval[];
  /** Port ranges that must be cell boundaries (documented ports). */
  readonly ports?: readonly PortRange[];
}

/** The protocols a grid distinguishes: tcp and udp (the documented ones), every one a rule names, and `other`. */
export function protocolAtoms(rules: readonly AccessRule[]): ProtocolAtom[] {
  const named = new Set<number>([PROTOCOL_NUMBERS.tcp, PROTOCOL_NUMBERS.udp]);
  for (let r = 0; r < rules.length; r++) {
    const protocols = rules[r].protocols;
    for (let m = 0; m < protocols.length; m++) if (protocols[m].protocol !== 'all') named.add(protocols[m].protocol as number);
  }
  return [...[...named].sort((a, b) => a - b), 'other'];
}

/**
 * The cells of one pool and direction: `rules` are the rules that apply to the pool in the cloud's
 * evaluation order, ending with rules that match everything (the cloud's implied / default rules).
 */
export function evaluateOrderedRules(pool: AnalyzedPool, direction: Direction, rules: readonly AccessRule[], atoms: readonly ProtocolAtom[],
  senderClasses: readonly SenderClass[], extras: GridExtras = {}): PoolGrid {
  // One set of address cells for every protocol (cells finer than one protocol's rules need still decide it
  // exactly), grouped once by the rules whose peers hold them: a cell's decisions depend only on those rules.
  const addresses = addressCellsOf(rules, extras);
  const runs = rules.map((rule) => cellRuns(addresses, rule.peers));
  const { setOf, members } = cellSets(addresses.length, rules.map((_, index) => index), (index) => runs[index]);
  const byAddress = { setOf, rules: members.map((set) => set.map((index) => rules[index])) };
  const senders = direction === 'INGRESS' ? senderClasses : [];
  return { pool, direction, atoms: atoms.map((atom) => evaluateAtom(rules, byAddress, atom, addresses, senders, extras)) };
}

function covers(match: ProtocolMatch, atom: ProtocolAtom): boolean {
  return match.protocol === 'all' || match.protocol === atom;
}

/** The decisions of one protocol: each set of rules that address cells share is decided once. */
function evaluateAtom(allRules: readonly AccessRule[], byAddress: { readonly setOf: Int32Array; readonly rules: ReadonlyArray<readonly AccessRule[]> },
  atom: ProtocolAtom, addresses: readonly AddressInterval[], senderClasses: readonly SenderClass[], extras: GridExtras): AtomGrid {
  const ported = atom !== 'other' && PORTED_PROTOCOLS.has(atom);
  const applicable = allRules.filter((rule) => rule.protocols.some((match) => covers(match, atom)));
  const ports = portCellsOf(ported ? applicable : [], atom, ported ? extras.ports : undefined);
  const coverage = new Map<AccessRule, Coverage>();
  const coverageOf = (rule: AccessRule): Coverage => {
    let cells = coverage.get(rule);
    if (!cells) coverage.set(rule, (cells = { blocks: blockPerPortCell(rule, atom, ported, ports), decisions: rule.protocols.map((_, match) => ({ rule, match })) }));
    return cells;
  };

  const rowOfSet = new Int32Array(byAddress.rules.length).fill(-1);
  const rows: Decision[][] = [];
  const rowOf = new Int32Array(addresses.length);
  for (let a = 0; a < addresses.length; a++) {
    const set = byAddress.setOf[a];
    if (rowOfSet[set] < 0) {
      rowOfSet[set] = rows.length;
      rows.push(decideRow(byAddress.rules[set], ports.length, coverageOf));
    }
    rowOf[a] = rowOfSet[set];
  }

  const senders = senderClasses.map((sender) => {
    const candidates = applicable.filter((rule) => rule.senders.has(sender.id) || rule.peersCoverAllIpv4);
    return {
      sender,
      // Traffic a rule lets in by address range is already in the address cells.
      decisions: decideRow(candidates, ports.length, coverageOf)
        .map((decision) => (decision.rule.senders.has(sender.id) && !decision.rule.peersCoverAllIpv4 ? decision : undefined)),
    };
  });
  return { atom, ports, addresses, rows, rowOf, senders };
}

/** Cells grouped by the members (rules, documented flows) that cover them; see cellSets(). */
export interface CellSets {
  /** setOf[cell]: the cell's set. */
  readonly setOf: Int32Array;
  /** members[set]: the set's members, in the order given; set 0 is the empty set. */
  readonly members: ReadonlyArray<readonly number[]>;
}

/**
 * Which members cover each cell, as a small id per distinct set: each cell's set is grown member by member
 * along a trie of sets, so that cells covered by the same members share one id without a key per cell.
 */
export function cellSets(cellCount: number, members: readonly number[], runsOf: (member: number) => ReadonlyArray<readonly [number, number]>): CellSets {
  const setOf = new Int32Array(cellCount);
  const sets: number[][] = [[]];
  const children: Array<Map<number, number>> = [new Map()];
  for (let m = 0; m < members.length; m++) {
    const member = members[m];
    // Neighbouring cells mostly share their set: the last step taken is tried before the trie.
    let lastFrom = -1;
    let lastTo = -1;
    const runs = runsOf(member);
    for (let r = 0; r < runs.length; r++) {
      const last = runs[r][1];
      for (let cell = runs[r][0]; cell <= last; cell++) {
        const from = setOf[cell];
        if (from === lastFrom) {
          setOf[cell] = lastTo;
          continue;
        }
        const own = sets[from];
        // A member whose blocks overlap meets the same cell twice.
        if (own[own.length - 1] === member) continue;
        let to = children[from].get(member);
        if (to === undefined) {
          to = sets.length;
          children[from].set(member, to);
          children.push(new Map());
          sets.push([...own, member]);
        }
        setOf[cell] = to;
        lastFrom = from;
        lastTo = to;
      }
    }
  }
  return { setOf, members: sets };
}

/** The elementary port cells of a protocol: every port range a rule's matching block or the extras name is a union of cells. */
function portCellsOf(rules: readonly AccessRule[], atom: ProtocolAtom, extraPorts: readonly PortRange[] | undefined): PortRange[] {
  const points: number[] = [ALL_PORTS.from];
  const addRange = (range: PortRange) => {
    points.push(range.from);
    if (range.to < ALL_PORTS.to) points.push(range.to + 1);
  };
  for (let r = 0; r < rules.length; r++) {
    const protocols = rules[r].protocols;
    for (let m = 0; m < protocols.length; m++) if (covers(protocols[m], atom)) protocols[m].ports?.forEach(addRange);
  }
  extraPorts?.forEach(addRange);
  points.sort((a, b) => a - b);
  const starts = points.filter((point, i) => point !== points[i - 1]);
  return starts.map((from, i) => ({ from, to: i + 1 < starts.length ? starts[i + 1] - 1 : ALL_PORTS.to }));
}

/** Which block of the rule matches each port cell (-1: none). */
function blockPerPortCell(rule: AccessRule, atom: ProtocolAtom, ported: boolean, ports: readonly PortRange[]): Int32Array {
  const cells = new Int32Array(ports.length).fill(-1);
  rule.protocols.forEach((match, block) => {
    if (!covers(match, atom)) return;
    for (let p = 0; p < ports.length; p++) {
      if (cells[p] >= 0) continue;
      if (!ported || match.ports === undefined || match.ports.some((range) => range.from <= ports[p].from && ports[p].to <= range.to)) cells[p] = block;
    }
  });
  return cells;
}

/** Small ids for rules, so that the set of rules of a grid can be a cache key. */
const ruleIds = new WeakMap<AccessRule, number>();
let nextRuleId = 0;
/** Address cells by the rules' peers (and the extras): pools of one stack that share their rules share them. */
const addressCellCache = new WeakMap<GridExtras, Map<string, AddressInterval[]>>();
/** The extras' boundary points per family, sorted: computed once per extras (one per stack and direction). */
const extraPointCache = new WeakMap<GridExtras, Record<Family, bigint[]>>();

/** The elementary address cells of a set of rules' peers and the extras' blocks, IPv4 then IPv6. */
function addressCellsOf(rules: readonly AccessRule[], extras: GridExtras): AddressInterval[] {
  let byRules = addressCellCache.get(extras);
  if (!byRules) addressCellCache.set(extras, (byRules = new Map()));
  const key = rules.map((rule) => {
    let id = ruleIds.get(rule);
    if (id === undefined) ruleIds.set(rule, (id = nextRuleId++));
    return id;
  }).join(',');
  const cached = byRules.get(key);
  if (cached) return cached;
  let extraPoints = extraPointCache.get(extras);
  if (!extraPoints) extraPointCache.set(extras, (extraPoints = { 4: boundaryPoints(extras.blocks ?? [], 4), 6: boundaryPoints(extras.blocks ?? [], 6) }));
  const addresses: AddressInterval[] = [];
  for (const family of [4, 6] as const) {
    const points = mergeSorted(extraPoints[family], boundaryPoints(rules.flatMap((rule) => rule.peers), family));
    points.forEach((first, i) => addresses.push({ family, first, last: i + 1 < points.length ? points[i + 1] - 1n : FAMILY_MAX[family] }));
  }
  byRules.set(key, addresses);
  return addresses;
}

/** Where the blocks of one family start and end (the address after a block's last), with the family's first address; sorted, unique. */
function boundaryPoints(blocks: readonly AddressInterval[], family: Family): bigint[] {
  const points = new Set<bigint>([0n]);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.family !== family) continue;
    points.add(block.first);
    if (block.last < FAMILY_MAX[family]) points.add(block.last + 1n);
  }
  return [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function mergeSorted(a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const merged: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (merged.length === 0 || merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/**
 * The runs of cells [first, last] (inclusive indexes) that lie inside each block, found by binary search
 * rather than by testing every cell: cells cut at the blocks' edges make each block a run of whole cells.
 */
export function cellRuns(cells: readonly AddressInterval[], blocks: readonly AddressInterval[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let b = 0; b < blocks.length; b++) {
    const { family, last: end } = blocks[b];
    const first = firstCellAtOrAfter(cells, family, blocks[b].first);
    // The cells inside the block: of its family, ending at or before its end.
    let last = first - 1;
    while (last + 1 < cells.length && cells[last + 1].family === family && cells[last + 1].last <= end) last++;
    if (last >= first) runs.push([first, last]);
  }
  return runs;
}

/** Index of the first cell of the family that starts at or after `address` (cells sorted by family, then address). */
function firstCellAtOrAfter(cells: readonly AddressInterval[], family: Family, address: bigint): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const cell = cells[middle];
    if (cell.family < family || (cell.family === family && cell.first < address)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Which block of a rule matches each port cell of a protocol (-1: none), and the rule's decision per block (shared by every row). */
interface Coverage {
  readonly blocks: Int32Array;
  readonly decisions: readonly Decision[];
}

/** One row of decisions: for each port cell, the first candidate rule (in evaluation order) with a block that matches it. */
function decideRow(candidates: readonly AccessRule[], size: number, coverageOf: (rule: AccessRule) => Coverage): Decision[] {
  const row: Array<Decision | undefined> = new Array(size);
  let open = size;
  for (let r = 0; r < candidates.length; r++) {
    const { blocks, decisions } = coverageOf(candidates[r]);
    for (let p = 0; p < size && open > 0; p++) {
      if (row[p] === undefined && blocks[p] >= 0) {
        row[p] = decisions[blocks[p]];
        open--;
      }
    }
    if (open === 0) break;
  }
  if (open > 0) throw new Error('no rule decided a cell: the implied rule must match everything');
  return row as Decision[];
}

/** The decision for one point (for tests and for `cxunit flows --at`): the cells that hold it. */
export function decisionAt(grid: PoolGrid, protocol: ProtocolAtom, family: Family, address: bigint, port: number): Decision {
  const atom = grid.atoms.find((a) => a.atom === protocol) ?? grid.atoms.find((a) => a.atom === 'other')!;
  const a = atom.addresses.findIndex((cell) => cell.family === family && cell.first <= address && address <= cell.last);
  const p = atom.ports.findIndex((cell) => cell.from <= port && port <= cell.to);
  return decisionOf(atom, a, p);
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

export function describeRule(rule: AccessRule): string {
  if (rule.implied && rule.label) return rule.label;
  return `${rule.address} (${rule.action}, priority ${rule.priority})`;
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
  readonly rule: AccessRule;
  readonly atom: ProtocolAtom | 'all';
  readonly ports?: PortRange;
  readonly peers: readonly string[];
  /** The peers as people read them (`0.0.0.0/0 except 10.0.0.0/8`, `instances tagged bastion`). */
  readonly peerText: string;
}

/** The allowed cells of a pool grid as flows per opening rule; all protocols merged when a rule opens every one alike. */
export function groupAllowed(grid: PoolGrid, include: (atom: AtomGrid, address: number, port: number, decision: Decision) => boolean = () => true): AllowedGroup[] {
  const perAtom: AllowedGroup[] = [];
  for (const atom of grid.atoms) {
    const byRule = new Map<AccessRule, Cell[]>();
    for (let address = 0; address < atom.addresses.length; address++) {
      const row = atom.rows[atom.rowOf[address]];
      row.forEach((decision, port) => {
        if (decision.rule.action === 'allow' && include(atom, address, port, decision)) append(byRule, decision.rule, { address, port });
      });
    }
    for (const [rule, cells] of byRule) {
      for (const region of regionsOf(atom, cells)) perAtom.push({ rule, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), peers: cidrsOf(region.addresses), peerText: describeAddresses(region.addresses) });
    }
    for (const { sender, decisions } of atom.senders) {
      const byRuleSender = new Map<AccessRule, number[]>();
      decisions.forEach((decision, port) => {
        if (decision?.rule.action === 'allow') append(byRuleSender, decision.rule, port);
      });
      for (const [rule, ports] of byRuleSender) {
        for (const range of mergePortCells(atom.ports, ports)) {
          const ported = atom.atom !== 'other' && PORTED_PROTOCOLS.has(atom.atom);
          perAtom.push({ rule, atom: atom.atom, ...(ported ? { ports: range } : {}), peers: [sender.label], peerText: sender.label });
        }
      }
    }
  }
  return mergeAllProtocols(perAtom, grid.atoms.length);
}

/** Flows that a rule opens on every protocol, all ports, to the same peers, become one `all protocols` flow. */
export function mergeAllProtocols<T extends { readonly rule: AccessRule; readonly atom: ProtocolAtom | 'all'; readonly ports?: PortRange; readonly peers: readonly string[] }>(
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
