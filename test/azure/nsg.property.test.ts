import fc from 'fast-check';
import { addressRange, Family } from '../../lib/network/address-set';
import { AddressSelector, evaluateNsg, NsgDirection, NsgEvaluation, NsgProtocol, NsgRule } from '../../lib/azure/nsg';

/**
 * The NSG cell evaluator against a brute-force reference written from Microsoft's "Network security
 * groups" overview: for every address pair of a small universe, a few source ports and every
 * destination port 0..65535, rules are tried from the lowest priority number up (the six default rules
 * at 65000, 65001 and 65500, written out here by hand) and the first that matches decides.
 */

const VNET = ['10.0.0.0/29', '10.1.0.0/16'];
const ASGS = new Map<string, readonly string[]>([['asg-a', ['10.0.0.2/32', '10.0.0.3/32']], ['asg-b', ['10.1.2.3/32']]]);
const LOAD_BALANCER = '168.63.129.16';
const BLOCKS = ['10.0.0.0/29', '10.0.0.0/30', '10.0.0.4/30', '10.0.0.6/32', '10.1.0.0/16', '0.0.0.0/0', '2001:db8::/32'];

const UNIVERSE: ReadonlyArray<{ family: Family; value: bigint; text: string }> = [
  ...['10.0.0.2', '10.0.0.5', '10.0.0.6', '10.1.2.3', LOAD_BALANCER, '192.168.1.1', '255.255.255.255']
    .map((text) => ({ family: 4 as const, value: addressRange(text).first, text })),
  ...['2001:db8::1'].map((text) => ({ family: 6 as const, value: addressRange(text).first, text })),
];
const PORT_POINTS = [0, 1, 22, 80, 443, 444, 5060, 20000, 45000, 65535];
const SOURCE_PORTS = [0, 443, 50000];
const PROTOCOLS: ReadonlyArray<{ name: string; number: number }> = [
  { name: 'Tcp', number: 6 }, { name: 'Udp', number: 17 }, { name: 'Icmp', number: 1 }, { name: 'Esp', number: 50 }, { name: 'gre', number: 47 },
];
const NUMBERS: Record<string, number> = { Tcp: 6, Udp: 17, Icmp: 1, Esp: 50, Ah: 51 };

const portsArb = fc.oneof(
  fc.constant([{ from: 0, to: 65535 }]),
  fc.array(fc.tuple(fc.constantFrom(...PORT_POINTS), fc.constantFrom(...PORT_POINTS)).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })), { minLength: 1, maxLength: 2 }),
);
const selectorArb: fc.Arbitrary<AddressSelector> = fc.oneof(
  fc.constant({ kind: 'any' as const }),
  fc.constantFrom('VirtualNetwork', 'AzureLoadBalancer', 'Internet').map((tag) => ({ kind: 'tag' as const, tag })),
  fc.subarray(BLOCKS, { minLength: 1, maxLength: 2 }).map((prefixes) => ({ kind: 'prefixes' as const, prefixes })),
  fc.subarray([...ASGS.keys()], { minLength: 1 }).map((ids) => ({ kind: 'asgs' as const, ids })),
);
const rulesArb = (direction: NsgDirection) => fc.uniqueArray(fc.record({
  priority: fc.integer({ min: 100, max: 4096 }),
  access: fc.constantFrom('Allow' as const, 'Deny' as const),
  protocol: fc.constantFrom<NsgProtocol>('Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'),
  source: selectorArb,
  destination: selectorArb,
  sourcePorts: fc.oneof({ weight: 4, arbitrary: fc.constant([{ from: 0, to: 65535 }]) }, { weight: 1, arbitrary: portsArb }),
  destinationPorts: portsArb,
}).map((r): NsgRule => ({ ...r, name: `p${r.priority}`, direction, isDefault: false })), { selector: (r) => r.priority, minLength: 1, maxLength: 6 });

function inBlock(block: string, address: { family: Family; value: bigint }): boolean {
  const range = addressRange(block);
  return range.family === address.family && range.first <= address.value && address.value <= range.last;
}

function selects(selector: AddressSelector, address: { family: Family; value: bigint; text: string }): boolean {
  switch (selector.kind) {
    case 'any': return true;
    case 'prefixes': return selector.prefixes.some((b) => inBlock(b, address));
    case 'asgs': return selector.ids.some((id) => ASGS.get(id)!.some((b) => inBlock(b, address)));
    case 'tag':
      if (selector.tag === 'AzureLoadBalancer') return address.text === LOAD_BALANCER;
      if (selector.tag === 'VirtualNetwork') return VNET.some((b) => inBlock(b, address));
      return !VNET.some((b) => inBlock(b, address));
  }
}

/** The six default rules, as the overview's tables print them. */
function defaults(direction: NsgDirection): NsgRule[] {
  const all = [{ from: 0, to: 65535 }];
  const rule = (priority: number, access: 'Allow' | 'Deny', source: AddressSelector, destination: AddressSelector): NsgRule =>
    ({ name: `default-${priority}`, priority, direction, access, protocol: '*', source, destination, sourcePorts: all, destinationPorts: all, isDefault: true });
  return direction === 'Inbound'
    ? [rule(65000, 'Allow', { kind: 'tag', tag: 'VirtualNetwork' }, { kind: 'tag', tag: 'VirtualNetwork' }), rule(65001, 'Allow', { kind: 'tag', tag: 'AzureLoadBalancer' }, { kind: 'any' }), rule(65500, 'Deny', { kind: 'any' }, { kind: 'any' })]
    : [rule(65000, 'Allow', { kind: 'tag', tag: 'VirtualNetwork' }, { kind: 'tag', tag: 'VirtualNetwork' }), rule(65001, 'Allow', { kind: 'any' }, { kind: 'tag', tag: 'Internet' }), rule(65500, 'Deny', { kind: 'any' }, { kind: 'any' })];
}

/** Per destination port 0..65535: the deciding rule's priority (the reference). */
function reference(rules: readonly NsgRule[], direction: NsgDirection, protocol: number, source: typeof UNIVERSE[number], destination: typeof UNIVERSE[number], sourcePort: number): Int32Array {
  const ported = protocol === 6 || protocol === 17;
  const candidates = [...rules, ...defaults(direction)].sort((a, b) => a.priority - b.priority)
    .filter((r) => (r.protocol === '*' || NUMBERS[r.protocol] === protocol) && selects(r.source, source) && selects(r.destination, destination))
    .filter((r) => {
      const restricted = (ranges: NsgRule['sourcePorts']) => !ranges.some((p) => p.from === 0 && p.to === 65535);
      if (!ported) return !restricted(r.sourcePorts) && !restricted(r.destinationPorts);
      return r.sourcePorts.some((p) => p.from <= sourcePort && sourcePort <= p.to);
    });
  const decided = new Int32Array(65536);
  for (let port = 0; port <= 65535; port++) {
    const rule = candidates.find((r) => !ported || r.destinationPorts.some((p) => p.from <= port && port <= p.to));
    decided[port] = rule!.priority;
  }
  return decided;
}

function fromCells(evaluation: NsgEvaluation, protocol: number, source: typeof UNIVERSE[number], destination: typeof UNIVERSE[number], sourcePort: number): Int32Array {
  const atoms = new Set(evaluation.cells.map((c) => c.protocol));
  const atom = atoms.has(protocol) ? protocol : 'other';
  const inside = (cell: { family: Family; first: bigint; last: bigint }, a: { family: Family; value: bigint }) => cell.family === a.family && cell.first <= a.value && a.value <= cell.last;
  const decided = new Int32Array(65536).fill(-1);
  for (const cell of evaluation.cells) {
    if (cell.protocol !== atom || !inside(cell.source, source) || !inside(cell.destination, destination)) continue;
    if (cell.sourcePorts && !(cell.sourcePorts.from <= sourcePort && sourcePort <= cell.sourcePorts.to)) continue;
    const ports = cell.destinationPorts ?? { from: 0, to: 65535 };
    for (let port = ports.from; port <= ports.to; port++) {
      if (decided[port] !== -1) throw new Error(`two cells decide port ${port}`);
      decided[port] = cell.decidedBy.priority;
    }
  }
  return decided;
}

describe('the NSG cell evaluator', () => {
  it.each(['Inbound', 'Outbound'] as const)('decides every %s packet exactly as the brute-force reference', (direction) => {
    fc.assert(fc.property(rulesArb(direction), (rules) => {
      const evaluation = evaluateNsg(rules, direction, { virtualNetwork: VNET, applicationSecurityGroups: ASGS });
      if (!('cells' in evaluation)) throw new Error(evaluation.unknown);
      for (const protocol of PROTOCOLS) {
        for (const source of UNIVERSE) {
          for (const destination of UNIVERSE) {
            for (const sourcePort of protocol.number === 6 || protocol.number === 17 ? SOURCE_PORTS : [0]) {
              const expected = reference(rules, direction, protocol.number, source, destination, sourcePort);
              const actual = fromCells(evaluation, protocol.number, source, destination, sourcePort);
              if (!actual.every((p, i) => p === expected[i])) {
                const port = actual.findIndex((p, i) => p !== expected[i]);
                throw new Error(`${protocol.name} ${source.text}:${sourcePort} -> ${destination.text}:${port}: cells say ${actual[port]}, reference ${expected[port]}`);
              }
            }
          }
        }
      }
    }), { numRuns: 8 });
  });
});
