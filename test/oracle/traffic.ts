import { AddressInterval, addressRange, intervalToCidrs, mergeIntervals } from '../../lib/network/address-set';

/**
 * Flows as the traffic they let through, so that two lists compare by what is open and not by how it is
 * split into flows (on Azure, the unit's rules and Azure's default rules share out the same traffic by
 * priority). Written for the oracle test, from CIDR and port arithmetic only: nothing here knows what a
 * unit should open.
 */

/** A flow as the oracle and `cxunit flows --format json` write it. */
export interface FlowText {
  /** `tcp`, `udp`, `all protocols`, `other protocols` (every protocol not named elsewhere) or a protocol name. */
  readonly protocol: string;
  /** `443`, `20000-45000`, `all`, or absent (every port). */
  readonly ports?: string;
  readonly peers: readonly string[];
}

interface Traffic {
  readonly atoms: readonly string[];
  readonly ports: PortCell;
  readonly addresses: readonly AddressInterval[];
}

export interface PortCell {
  readonly from: number;
  readonly to: number;
}

const PORTED = new Set(['tcp', 'udp']);
const EVERY_PORT: PortCell = { from: 0, to: 65535 };
const OTHER = 'other protocols';

function portCell(ports: string | undefined): PortCell {
  if (ports === undefined || ports === 'all') return EVERY_PORT;
  const match = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!match) throw new Error(`"${ports}" is not a port or a port range`);
  return { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
}

/** The protocols a list of flows names besides tcp and udp: each is its own atom, the rest is `other protocols`. */
function namedProtocols(flows: readonly FlowText[]): string[] {
  return flows.map((f) => f.protocol).filter((p) => !PORTED.has(p) && p !== 'all protocols' && p !== OTHER);
}

function traffic(flow: FlowText, universe: readonly string[]): Traffic {
  const atoms = flow.protocol === 'all protocols' ? universe : [flow.protocol];
  return { atoms, ports: portCell(flow.ports), addresses: mergeIntervals(flow.peers.map(addressRange)) };
}

/** Addresses in `a` and not in `b` (both merged). */
export function subtract(a: readonly AddressInterval[], b: readonly AddressInterval[]): AddressInterval[] {
  let rest = mergeIntervals(a);
  for (const cut of mergeIntervals(b)) {
    rest = rest.flatMap((piece) => {
      if (piece.family !== cut.family || cut.last < piece.first || cut.first > piece.last) return [piece];
      return [
        ...(cut.first > piece.first ? [{ ...piece, last: cut.first - 1n }] : []),
        ...(cut.last < piece.last ? [{ ...piece, first: cut.last + 1n }] : []),
      ];
    });
  }
  return rest;
}

export interface TrafficDifference {
  /** `tcp 443`, `udp 0-5079`, `other protocols`. */
  readonly traffic: string;
  readonly ports: PortCell;
  /** Open on the first side only, as CIDR blocks. */
  readonly onlyFirst: readonly string[];
  /** Open on the second side only. */
  readonly onlySecond: readonly string[];
}

/**
 * Where two flow lists of one pool and direction let different traffic through, leaving out the traffic
 * of `excluded` (disputed flows). Adjacent port cells with the same differences are reported together.
 */
export function trafficDifferences(first: readonly FlowText[], second: readonly FlowText[], excluded: readonly FlowText[] = []): TrafficDifference[] {
  const universe = [...new Set(['tcp', 'udp', ...namedProtocols([...first, ...second, ...excluded]), OTHER])];
  const [a, b, x] = [first, second, excluded].map((flows) => flows.map((f) => traffic(f, universe)));
  const differences: TrafficDifference[] = [];
  for (const atom of universe) {
    const of = (list: readonly Traffic[]) => list.filter((t) => t.atoms.includes(atom));
    const boxes = [...of(a), ...of(b), ...of(x)];
    const cells = PORTED.has(atom) ? portCells(boxes.map((t) => t.ports)) : [EVERY_PORT];
    let previous: TrafficDifference | undefined;
    for (const cell of cells) {
      const open = (list: readonly Traffic[]) => mergeIntervals(of(list).filter((t) => t.ports.from <= cell.from && cell.to <= t.ports.to).flatMap((t) => t.addresses));
      const disputed = open(x);
      const onlyFirst = subtract(subtract(open(a), open(b)), disputed).flatMap(intervalToCidrs);
      const onlySecond = subtract(subtract(open(b), open(a)), disputed).flatMap(intervalToCidrs);
      if (previous && previous.onlyFirst.join() === onlyFirst.join() && previous.onlySecond.join() === onlySecond.join()) {
        const ports = { from: previous.ports.from, to: cell.to };
        previous = { ...previous, traffic: describe(atom, ports), ports };
        differences[differences.length - 1] = previous;
      } else {
        previous = { traffic: describe(atom, cell), ports: cell, onlyFirst, onlySecond };
        differences.push(previous);
      }
    }
  }
  return differences.filter((d) => d.onlyFirst.length > 0 || d.onlySecond.length > 0);
}

/** How much of a flow's traffic a list of flows opens. */
export function coverage(flow: FlowText, flows: readonly FlowText[]): 'all' | 'part' | 'none' {
  const missing = size(trafficDifferences([flow], flows));
  if (missing === 0n) return 'all';
  return missing === size(trafficDifferences([flow], [])) ? 'none' : 'part';
}

/** How many (protocol, port, address) points the first sides of the differences hold. */
function size(differences: readonly TrafficDifference[]): bigint {
  return differences.reduce((sum, d) => sum + BigInt(d.ports.to - d.ports.from + 1)
    * d.onlyFirst.map(addressRange).reduce((count, block) => count + block.last - block.first + 1n, 0n), 0n);
}

function describe(atom: string, cell: PortCell): string {
  if (!PORTED.has(atom)) return atom;
  return `${atom} ${cell.from === EVERY_PORT.from && cell.to === EVERY_PORT.to ? '(all ports)' : cell.from === cell.to ? cell.from : `${cell.from}-${cell.to}`}`;
}

function portCells(ranges: readonly PortCell[]): PortCell[] {
  const starts = new Set<number>([EVERY_PORT.from]);
  for (const range of ranges) {
    starts.add(range.from);
    if (range.to < EVERY_PORT.to) starts.add(range.to + 1);
  }
  const sorted = [...starts].sort((x, y) => x - y);
  return sorted.map((from, i) => ({ from, to: i + 1 < sorted.length ? sorted[i + 1] - 1 : EVERY_PORT.to }));
}
