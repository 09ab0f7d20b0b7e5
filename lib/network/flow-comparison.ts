import { PortRange } from '../architecture/ports';
import { NodePoolKind } from '../architecture/types';
import { AddressInterval, addressRange, describeAddresses, Family, mergeIntervals, NON_PUBLIC_RANGES } from './address-set';
import type { Direction, DocumentedFlow } from './documented-flows';
import {
  AccessRule, ALL_PORTS, AnalyzedPool, AtomGrid, Cell, cellRuns, cellSets, cidrsOf, Decision, FlowAnalysis, gridsOf, mergeAllProtocols, PoolGrid, PORTED_PROTOCOLS, PROTOCOL_NUMBERS, ProtocolAtom, regionsOf,
} from './flow-analysis';
import { append, byCodeUnit, omit } from './collections';

/**
 * Opened flows against documented flows, cell by cell: a cell open but in no documented flow is
 * unexpected (attributed to the rule that opens it); a cell of a documented flow that is not open is
 * missing (attributed to the rule that closes it). Both are merged back into readable flows.
 */

export interface UnexpectedFlow {
  readonly direction: Direction;
  readonly atom: ProtocolAtom | 'all';
  readonly ports?: PortRange;
  /** CIDR blocks, or one instance label (`instances tagged bastion`). */
  readonly peers: readonly string[];
  /** The peers as people read them (`0.0.0.0/0 except 10.0.0.0/8`). */
  readonly peerText: string;
  readonly pools: readonly AnalyzedPool[];
  /** The rule that opens it (an implied rule for egress). */
  readonly rule: AccessRule;
}

export interface MissingFlow {
  readonly documented: DocumentedFlow;
  readonly atom: ProtocolAtom | 'all';
  readonly ports?: PortRange;
  readonly peers: readonly string[];
  readonly peerText: string;
  readonly pools: readonly AnalyzedPool[];
  /** The rule that closes it (the implied deny-ingress rule when no rule allows it). */
  readonly rule: AccessRule;
  /** Only part of the documented flow's ports or peers is missing. */
  readonly partial: boolean;
}

/** A pool kind that documented flows target but no node pool of the stack is. */
export interface UntargetedPoolKind {
  readonly kind: NodePoolKind;
  readonly flows: readonly DocumentedFlow[];
}

export interface FlowComparison {
  readonly unexpected: readonly UnexpectedFlow[];
  readonly missing: readonly MissingFlow[];
  readonly untargetedPools: readonly UntargetedPoolKind[];
}

interface PreparedFlow {
  readonly flow: DocumentedFlow;
  readonly index: number;
  readonly peers: readonly AddressInterval[];
  readonly ports: PortRange;
}

function atomNumber(protocol: string): number | undefined {
  return PROTOCOL_NUMBERS[protocol];
}

function isPorted(atom: ProtocolAtom): boolean {
  return atom !== 'other' && PORTED_PROTOCOLS.has(atom);
}

function flowCoversAtom(flow: DocumentedFlow, atom: ProtocolAtom): boolean {
  return flow.protocol === 'all' || atomNumber(flow.protocol) === atom;
}

export function compareWithDocumented(analysis: FlowAnalysis, documented: readonly DocumentedFlow[], directions: readonly Direction[]): FlowComparison {
  const prepared: PreparedFlow[] = documented.map((flow, index) => ({ flow, index, peers: flow.peers.map(addressRange), ports: flow.ports ?? ALL_PORTS }));
  const unexpected: Array<Omit<UnexpectedFlow, 'pools'> & { pool: AnalyzedPool }> = [];
  const missing: Array<Omit<MissingFlow, 'pools'> & { pool: AnalyzedPool; flowIndex: number }> = [];

  for (const grid of directions.flatMap((direction) => gridsOf(analysis, direction))) {
    const poolFlows = prepared.filter((p) => p.flow.direction === grid.direction && p.flow.targetPools.some((kind) => grid.pool.kinds.includes(kind)));
    const perPoolUnexpected: Array<Omit<UnexpectedFlow, 'pools'>> = [];
    const perPoolMissing: Array<Omit<MissingFlow, 'pools'> & { flowIndex: number }> = [];
    // The protocols of a pool mostly share their address cells, and so each flow's runs of cells.
    const runsByCells = new Map<readonly AddressInterval[], Map<PreparedFlow, Array<[number, number]>>>();
    const runsOf = (cells: readonly AddressInterval[], flow: PreparedFlow) => {
      let byFlow = runsByCells.get(cells);
      if (!byFlow) runsByCells.set(cells, (byFlow = new Map()));
      let runs = byFlow.get(flow);
      if (!runs) byFlow.set(flow, (runs = cellRuns(cells, flow.peers)));
      return runs;
    };
    for (const atom of grid.atoms) {
      const flows = poolFlows.filter((p) => flowCoversAtom(p.flow, atom.atom));
      const openCells = new Map<AccessRule, Cell[]>();
      // Closed cells per documented flow and closing rule, in the order first met (nested maps: no key string per cell).
      const closedCells: Array<{ flow: PreparedFlow; rule: AccessRule; cells: Cell[] }> = [];
      const closedIndex = new Map<PreparedFlow, Map<string, { flow: PreparedFlow; rule: AccessRule; cells: Cell[] }>>();
      const ported = isPorted(atom.atom);
      const documents = (flow: PreparedFlow, port: PortRange) => !ported || (flow.ports.from <= port.from && port.to <= flow.ports.to);
      // Address cells with the same row of decisions and the same documented flows are alike: each group is compared once.
      const flowRuns = flows.map((flow) => runsOf(atom.addresses, flow));
      const { setOf, members } = cellSets(atom.addresses.length, flows.map((_, i) => i), (i) => flowRuns[i]);
      const groups = new Map<number, { row: number; flows: readonly PreparedFlow[]; addresses: number[] }>();
      let group: { row: number; flows: readonly PreparedFlow[]; addresses: number[] } | undefined;
      let groupKey = -1;
      for (let a = 0; a < atom.addresses.length; a++) {
        const key = atom.rowOf[a] * members.length + setOf[a];
        // Neighbouring cells are mostly alike: the last group is tried before the map.
        if (key !== groupKey) {
          groupKey = key;
          group = groups.get(key);
          if (!group) groups.set(key, (group = { row: atom.rowOf[a], flows: members[setOf[a]].map((i) => flows[i]), addresses: [] }));
        }
        group!.addresses.push(a);
      }
      for (const group of groups.values()) {
        const row = atom.rows[group.row];
        row.forEach((decision, p) => {
          const port = atom.ports[p];
          const { flows: groupFlows, addresses } = group;
          if (decision.rule.action === 'allow') {
            if (!groupFlows.some((f) => documents(f, port))) for (let a = 0; a < addresses.length; a++) append(openCells, decision.rule, { address: addresses[a], port: p });
            return;
          }
          // Indexed loops: see the note in flow-analysis.ts.
          for (let f = 0; f < groupFlows.length; f++) {
            const flow = groupFlows[f];
            if (!documents(flow, port)) continue;
            let byRule = closedIndex.get(flow);
            if (!byRule) closedIndex.set(flow, (byRule = new Map()));
            let entry = byRule.get(decision.rule.address);
            if (!entry) {
              byRule.set(decision.rule.address, (entry = { flow, rule: decision.rule, cells: [] }));
              closedCells.push(entry);
            }
            for (let a = 0; a < addresses.length; a++) entry.cells.push({ address: addresses[a], port: p });
          }
        });
      }
      for (const [rule, cells] of openCells) {
        for (const region of regionsOf(atom, cells)) {
          perPoolUnexpected.push({ direction: grid.direction, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), peers: cidrsOf(region.addresses), peerText: describeAddresses(region.addresses), rule });
        }
      }
      perPoolUnexpected.push(...unexpectedFromInstances(grid, atom));
      for (const { flow, rule, cells } of closedCells) {
        for (const region of regionsOf(atom, cells)) {
          const peers = cidrsOf(region.addresses);
          const whole = cidrsOf(mergeIntervals(flow.peers));
          const partial = peers.join(',') !== whole.join(',') || (isPorted(atom.atom) && !!region.ports && (region.ports.from !== flow.ports.from || region.ports.to !== flow.ports.to));
          perPoolMissing.push({ documented: flow.flow, flowIndex: flow.index, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), peers, peerText: describeAddresses(region.addresses), rule, partial });
        }
      }
    }
    const atomCount = grid.atoms.length;
    for (const flow of mergeAllProtocols(perPoolUnexpected, atomCount, (f) => f.direction)) unexpected.push({ ...flow, pool: grid.pool });
    for (const flow of mergeAllProtocols(perPoolMissing, atomCount, (f) => `${f.flowIndex}`)) missing.push({ ...flow, pool: grid.pool });
  }

  const untargeted = new Map<NodePoolKind, DocumentedFlow[]>();
  const pools = analysis.pools;
  for (const flow of documented.filter((f) => directions.includes(f.direction))) {
    for (const kind of flow.targetPools) {
      if (pools.some((pool) => pool.kinds.includes(kind))) continue;
      append(untargeted, kind, flow);
    }
  }
  return {
    unexpected: mergePools(unexpected, (f) => [f.direction, f.atom, f.ports?.from, f.ports?.to, f.peers.join(','), f.rule.address].join('|')),
    missing: mergePools(missing, (f) => [f.flowIndex, f.atom, f.ports?.from, f.ports?.to, f.peers.join(','), f.rule.address].join('|'))
      .map(({ flowIndex: _flowIndex, ...flow }) => flow),
    untargetedPools: [...untargeted].map(([kind, flows]) => ({ kind, flows })),
  };
}

function unexpectedFromInstances(grid: PoolGrid, atom: AtomGrid): Array<Omit<UnexpectedFlow, 'pools'>> {
  const flows: Array<Omit<UnexpectedFlow, 'pools'>> = [];
  for (const { sender, decisions } of atom.senders) {
    const byRule = new Map<AccessRule, Cell[]>();
    decisions.forEach((decision, port) => {
      if (decision?.rule.action === 'allow') append(byRule, decision.rule, { address: 0, port });
    });
    for (const [rule, cells] of byRule) {
      // Documented flows never name instances: every flow opened to instances by tag or service account is unexpected.
      const single: AtomGrid = { ...atom, addresses: [{ family: 4, first: 0n, last: 0n }] };
      for (const region of regionsOf(single, cells)) {
        flows.push({ direction: grid.direction, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), peers: [sender.label], peerText: sender.label, rule });
      }
    }
  }
  return flows;
}

/** Identical flows on several node pools become one flow naming every pool. */
function mergePools<T extends { readonly pool: AnalyzedPool }>(flows: readonly T[], keyOf: (flow: T) => string): Array<Omit<T, 'pool'> & { pools: AnalyzedPool[] }> {
  const merged = new Map<string, Omit<T, 'pool'> & { pools: AnalyzedPool[] }>();
  for (const flow of flows) {
    const key = keyOf(flow);
    const existing = merged.get(key);
    if (existing) {
      existing.pools.push(flow.pool);
    } else {
      const { pool, ...rest } = flow;
      merged.set(key, { ...rest, pools: [pool] });
    }
  }
  return [...merged.values()];
}

// ---------------------------------------------------------------------------------------------------
// Reachable from the whole internet.

export interface WorldOpenFlow {
  readonly family: Family;
  readonly atom: ProtocolAtom | 'all';
  readonly ports?: PortRange;
  readonly pools: readonly AnalyzedPool[];
  /** The rules that open it to the internet's addresses. */
  readonly rules: readonly AccessRule[];
}

/** Traffic that may be open to the internet, by protocol and ports, on pools of one of targetPools (all pools when absent). */
export interface InternetExemption {
  readonly protocol: string;
  readonly ports?: PortRange;
  readonly targetPools?: readonly NodePoolKind[];
}

/**
 * The non-public blocks, merged where they touch: a cell is non-public when it lies inside one of them. Cells are
 * not cut at these edges (only at the rules' and the documented flows'): a cell's addresses share one decision,
 * so a cell with any public address makes its decision the public one, and one inside them decides nothing
 * for the internet.
 */
const NON_PUBLIC_BLOCKS: readonly AddressInterval[] = mergeIntervals(NON_PUBLIC_RANGES.map(addressRange));

/** Which address cells of a grid hold a public address, per family (pools and protocols of a stack share cells). */
const publicCellCache = new WeakMap<readonly AddressInterval[], Record<Family, number[]>>();

/** The distinct rows of decisions of the family's address cells that hold a public address. */
function publicRows(atom: AtomGrid, family: Family): ReadonlyArray<readonly Decision[]> {
  let cells = publicCellCache.get(atom.addresses);
  if (!cells) {
    const nonPublic = new Uint8Array(atom.addresses.length);
    const runs = cellRuns(atom.addresses, NON_PUBLIC_BLOCKS);
    for (let r = 0; r < runs.length; r++) nonPublic.fill(1, runs[r][0], runs[r][1] + 1);
    cells = { 4: [], 6: [] };
    atom.addresses.forEach((address, index) => {
      if (!nonPublic[index]) cells![address.family].push(index);
    });
    publicCellCache.set(atom.addresses, cells);
  }
  const rows: Array<readonly Decision[]> = [];
  const indexes = cells[family];
  for (let i = 0; i < indexes.length; i++) {
    const row = atom.rows[atom.rowOf[indexes[i]]];
    if (!rows.includes(row)) rows.push(row);
  }
  return rows;
}

/**
 * INGRESS cells open from every public address of a family (the whole internet), except the exempted
 * internet-facing traffic. Private and special-purpose blocks do not count: a rule that opens
 * 0.0.0.0/0 but denies 10.0.0.0/8 is still open to the internet.
 */
export function worldOpenFlows(analysis: FlowAnalysis, exemptions: readonly InternetExemption[]): WorldOpenFlow[] {
  const found: Array<Omit<WorldOpenFlow, 'pools'> & { pool: AnalyzedPool }> = [];
  for (const grid of gridsOf(analysis, 'INGRESS')) {
    const exempt = exemptions.filter((e) => !e.targetPools || e.targetPools.some((kind) => grid.pool.kinds.includes(kind)));
    const perPool: Array<Omit<WorldOpenFlow, 'pools'>> = [];
    for (const atom of grid.atoms) {
      for (const family of [4, 6] as const) {
        const rows = publicRows(atom, family);
        const byRules = new Map<string, { rules: AccessRule[]; ports: number[] }>();
        if (rows.length === 0) continue;
        // Per port cell, with loops rather than a list per cell: every unit of an estate comes through here.
        atom.ports.forEach((port, p) => {
          for (let r = 0; r < rows.length; r++) if (rows[r][p].rule.action !== 'allow') return;
          for (let x = 0; x < exempt.length; x++) {
            const e = exempt[x];
            if ((e.protocol === 'all' || atomNumber(e.protocol) === atom.atom) && (!isPorted(atom.atom) || !e.ports || (e.ports.from <= port.from && port.to <= e.ports.to))) return;
          }
          const rules: AccessRule[] = [];
          for (const row of rows) if (!rules.includes(row[p].rule)) rules.push(row[p].rule);
          rules.sort((a, b) => a.priority - b.priority || byCodeUnit(a.address, b.address));
          const key = rules.map((r) => r.address).join(',');
          const entry = byRules.get(key) ?? { rules, ports: [] };
          entry.ports.push(p);
          byRules.set(key, entry);
        });
        for (const { rules, ports } of byRules.values()) {
          const cells = ports.map((port) => ({ address: 0, port }));
          const single: AtomGrid = { ...atom, addresses: [{ family, first: 0n, last: 0n }] };
          for (const region of regionsOf(single, cells)) {
            perPool.push({ family, atom: atom.atom, ...(region.ports ? { ports: region.ports } : {}), rules });
          }
        }
      }
    }
    const withRule = perPool.map((f) => ({ ...f, rule: f.rules[0], peers: [String(f.family), f.rules.map((r) => r.address).join(',')] }));
    for (const flow of mergeAllProtocols(withRule, grid.atoms.length)) found.push({ ...omit(flow, 'rule', 'peers'), pool: grid.pool });
  }
  return mergePools(found, (f) => [f.family, f.atom, f.ports?.from, f.ports?.to, f.rules.map((r) => r.address).join(',')].join('|'));
}
