import fc from 'fast-check';
import { addressRange, Family } from '../../lib/network/address-set';
import { Direction, DocumentedFlow } from '../../lib/network/documented-flows';
import { analyzeFirewall, evaluatePool } from '../../lib/gcp/firewall-evaluator';
import { readFirewallModel } from '../../lib/gcp/firewall-rules';
import { NodePoolKind } from '../../lib/architecture/types';
import { UnitBoundaries } from '../../lib/network/boundaries';
import { decisionAt, decisionOf, openedFlows, PoolGrid } from '../../lib/network/flow-analysis';
import { compareWithDocumented, worldOpenFlows } from '../../lib/network/flow-comparison';
import { stackFromCdktfDocument } from '../../lib/policy/inputs';
import { StackInput } from '../../lib/policy/model';

/**
 * The cell evaluator against a brute-force reference that implements GCP's semantics literally: for
 * every address of a small universe and every port 1..65535 of tcp and udp, the first enabled rule in
 * priority order (deny before allow at equal priority) that targets the pool and matches the source,
 * protocol and port decides; the implied rules decide the rest.
 */

interface PortSpec { readonly from: number; readonly to: number }
interface EntrySpec { readonly protocol: 'tcp' | 'udp' | 'all' | 'icmp'; readonly ports?: readonly PortSpec[] }
interface RuleSpec {
  readonly direction: Direction;
  readonly action: 'allow' | 'deny';
  readonly priority: number;
  readonly disabled: boolean;
  readonly entries: readonly EntrySpec[];
  readonly ranges: readonly string[];
  readonly sourceTags: readonly string[];
  readonly target: { readonly kind: 'all' } | { readonly kind: 'tags'; readonly tags: readonly string[] } | { readonly kind: 'accounts'; readonly accounts: readonly string[] };
}

const POOLS = [
  { name: 'a', tags: ['tag-a'], account: 'a@acme.iam.gserviceaccount.com' },
  { name: 'b', tags: ['tag-b'], account: 'b@acme.iam.gserviceaccount.com' },
] as const;
const BLOCKS = ['10.0.0.0/29', '10.0.0.0/30', '10.0.0.4/30', '10.0.0.2/31', '10.0.0.6/32', '10.0.0.8/32', '0.0.0.0/0', '::/0', '2001:db8::/32'];
/** Every address of 10.0.0.0/29 plus representatives of the rest of each family. */
const UNIVERSE: ReadonlyArray<{ family: Family; value: bigint; text: string }> = [
  ...Array.from({ length: 8 }, (_, i) => ({ family: 4 as const, value: addressRange(`10.0.0.${i}`).first, text: `10.0.0.${i}` })),
  ...['10.0.0.8', '10.0.0.9', '0.0.0.0', '192.168.1.1', '255.255.255.255'].map((text) => ({ family: 4 as const, value: addressRange(text).first, text })),
  ...['::1', '2001:db8::1', '2001:db9::1'].map((text) => ({ family: 6 as const, value: addressRange(text).first, text })),
];
const PORT_POINTS = [1, 2, 22, 80, 443, 444, 1000, 5060, 5080, 20000, 45000, 65534, 65535];

const portRangeArb: fc.Arbitrary<PortSpec> = fc.tuple(fc.constantFrom(...PORT_POINTS), fc.constantFrom(...PORT_POINTS))
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const entryArb: fc.Arbitrary<EntrySpec> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const), ports: fc.array(portRangeArb, { minLength: 1, maxLength: 2 }) }),
  fc.record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'all' as const, 'icmp' as const) }),
);
const ruleArb = (direction?: Direction): fc.Arbitrary<RuleSpec> => fc.record({
  direction: direction ? fc.constant(direction) : fc.constantFrom<Direction>('INGRESS', 'EGRESS'),
  action: fc.constantFrom('allow' as const, 'deny' as const),
  priority: fc.constantFrom(900, 1000, 1000, 1100, 65535),
  disabled: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  entries: fc.array(entryArb, { minLength: 1, maxLength: 2 }),
  ranges: fc.subarray(BLOCKS, { maxLength: 2 }),
  sourceTags: fc.subarray(['tag-a', 'tag-z'], { maxLength: 1 }),
  target: fc.oneof(
    fc.constant({ kind: 'all' as const }),
    fc.record({ kind: fc.constant('tags' as const), tags: fc.subarray(['tag-a', 'tag-b'], { minLength: 1 }) }),
    fc.record({ kind: fc.constant('accounts' as const), accounts: fc.subarray([POOLS[0].account, POOLS[1].account], { minLength: 1 }) }),
  ),
}).map((rule) => {
  // GCP keeps IPv4 and IPv6 in separate rules, and egress rules have no source tags.
  const v6 = rule.ranges.some((r) => r.includes(':'));
  const ranges = v6 ? rule.ranges.filter((r) => r.includes(':')) : rule.ranges;
  return { ...rule, ranges, sourceTags: rule.direction === 'EGRESS' ? [] : rule.sourceTags };
});

const NODE_TAGS: Partial<Record<NodePoolKind, string>> = { general: 'tag-a', realtime: 'tag-b' };

function stackOf(rules: readonly RuleSpec[]): StackInput {
  const firewalls: Record<string, unknown> = {};
  rules.forEach((rule, i) => {
    const blocks = rule.entries.map((e) => ({ protocol: e.protocol, ...(e.ports ? { ports: e.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)) } : {}) }));
    firewalls[`r${i}`] = {
      name: `r${i}`, network: '${google_compute_network.vpc.id}', direction: rule.direction, priority: rule.priority, disabled: rule.disabled,
      [rule.action]: blocks,
      ...(rule.ranges.length > 0 ? { [rule.direction === 'INGRESS' ? 'source_ranges' : 'destination_ranges']: rule.ranges } : {}),
      ...(rule.sourceTags.length > 0 ? { source_tags: rule.sourceTags } : {}),
      ...(rule.target.kind === 'tags' ? { target_tags: rule.target.tags } : rule.target.kind === 'accounts' ? { target_service_accounts: rule.target.accounts } : {}),
    };
  });
  const document = {
    resource: {
      google_compute_network: { vpc: { name: 'vpc' } },
      google_container_cluster: { c: { name: 'c', network: '${google_compute_network.vpc.id}', remove_default_node_pool: true } },
      google_container_node_pool: Object.fromEntries(POOLS.map((p) => [p.name, { name: p.name, cluster: '${google_container_cluster.c.name}', node_config: { tags: p.tags, service_account: p.account } }])),
      google_compute_firewall: firewalls,
    },
  };
  const { stack, problems } = stackFromCdktfDocument(document, 'property/cdk.tf.json', 'property');
  if (!stack) throw new Error(JSON.stringify(problems));
  return stack;
}

function inBlock(block: string, address: { family: Family; value: bigint }): boolean {
  const range = addressRange(block);
  return range.family === address.family && range.first <= address.value && address.value <= range.last;
}

function targets(rule: RuleSpec, pool: typeof POOLS[number]): boolean {
  if (rule.target.kind === 'tags') return rule.target.tags.some((t) => (pool.tags as readonly string[]).includes(t));
  if (rule.target.kind === 'accounts') return rule.target.accounts.includes(pool.account);
  return true;
}

/** The reference: per port 1..65535, the first matching rule; 1 = allow, 0 = deny. */
function referenceActions(rules: readonly RuleSpec[], pool: typeof POOLS[number], direction: Direction, protocol: 'tcp' | 'udp', address: { family: Family; value: bigint }): Uint8Array {
  const ordered = rules
    .filter((r) => !r.disabled && r.direction === direction && targets(r, pool))
    .map((r, index) => ({ r, index }))
    .sort((x, y) => x.r.priority - y.r.priority || (x.r.action === y.r.action ? 0 : x.r.action === 'deny' ? -1 : 1) || x.index - y.index)
    .map(({ r }) => r);
  const sourceMatches = (r: RuleSpec) => {
    // No source (or destination) at all means 0.0.0.0/0 (IPv4 only).
    const ranges = r.ranges.length > 0 ? r.ranges : r.sourceTags.length > 0 ? [] : ['0.0.0.0/0'];
    return ranges.some((b) => inBlock(b, address));
  };
  // GCP's implied rule (deny ingress, allow egress) sits at priority 65535: after a rule of the network
  // at 65535 with the same action, but a deny at 65535 beats an allow at 65535 whichever is implied.
  const implied: RuleSpec = {
    direction, action: direction === 'INGRESS' ? 'deny' : 'allow', priority: 65535, disabled: false, entries: [{ protocol: 'all' }],
    ranges: ['0.0.0.0/0', '::/0'], sourceTags: [], target: { kind: 'all' },
  };
  const candidates = [...ordered, implied]
    .map((r, index) => ({ r, index }))
    .sort((x, y) => x.r.priority - y.r.priority || (x.r.action === y.r.action ? 0 : x.r.action === 'deny' ? -1 : 1) || x.index - y.index)
    .map(({ r }) => r)
    .filter((r) => r === implied || sourceMatches(r));
  const actions = new Uint8Array(65536);
  for (let port = 1; port <= 65535; port++) {
    for (const r of candidates) {
      const matches = r.entries.some((e) => (e.protocol === 'all' || e.protocol === protocol) && (!e.ports || e.ports.some((p) => p.from <= port && port <= p.to)));
      if (matches) {
        actions[port] = r.action === 'allow' ? 1 : 0;
        break;
      }
    }
  }
  return actions;
}

const PROTOCOL_NUMBER = { tcp: 6, udp: 17 } as const;

describe('the cell-based firewall evaluator', () => {
  it('decides every port 1..65535 of tcp and udp exactly as the brute-force reference', () => {
    fc.assert(fc.property(fc.array(ruleArb(), { minLength: 1, maxLength: 5 }), fc.constantFrom<Direction>('INGRESS', 'EGRESS'), (rules, direction) => {
      const model = readFirewallModel(stackOf(rules));
      expect(model.unverifiable).toEqual([]);
      for (const pool of model.pools) {
        const spec = POOLS.find((p) => pool.address.endsWith(`.${p.name}`))!;
        const grid = evaluatePool(model, pool, direction);
        for (const protocol of ['tcp', 'udp'] as const) {
          for (const address of UNIVERSE) {
            const expected = referenceActions(rules, spec, direction, protocol, address);
            const actions = gridActions(grid, PROTOCOL_NUMBER[protocol], address);
            for (const port of [1, 443, 65535]) {
              expect(decisionAt(grid, PROTOCOL_NUMBER[protocol], address.family, address.value, port).rule.action === 'allow' ? 1 : 0).toBe(actions[port]);
            }
            for (let port = 1; port <= 65535; port++) {
              const actual = actions[port];
              if (actual !== expected[port]) {
                throw new Error(`${direction} ${protocol} ${address.text}:${port} on pool ${spec.name}: evaluator ${actual ? 'allows' : 'denies'}, reference ${expected[port] ? 'allows' : 'denies'}`);
              }
            }
          }
        }
      }
    }), { numRuns: 40 });
  });

  it('reports as open to the whole internet exactly the ports that the reference lets every public address reach', () => {
    // The blocks cut only private and documentation space: every public address of a family meets the same rules.
    const publicAddresses = ['8.8.8.8', '2606:4700::1'].map((text) => ({ family: addressRange(text).family, value: addressRange(text).first, text }));
    fc.assert(fc.property(fc.array(ruleArb('INGRESS'), { minLength: 1, maxLength: 5 }), (rules) => {
      const analysis = analyzeFirewall(stackOf(rules));
      const open = worldOpenFlows(analysis, []);
      for (const pool of analysis.pools) {
        const spec = POOLS.find((p) => pool.address.endsWith(`.${p.name}`))!;
        for (const protocol of ['tcp', 'udp'] as const) {
          for (const address of publicAddresses) {
            const expected = referenceActions(rules, spec, 'INGRESS', protocol, address);
            for (const port of PORT_POINTS) {
              const reported = open.some((f) => f.pools.some((p) => p.id === pool.id) && f.family === address.family
                && (f.atom === 'all' || f.atom === PROTOCOL_NUMBER[protocol]) && (!f.ports || (f.ports.from <= port && port <= f.ports.to)));
              if (reported !== (expected[port] === 1)) {
                throw new Error(`${protocol} ${port} from ${address.text} to pool ${spec.name}: ${reported ? 'reported' : 'not reported'} as open to the internet, the reference ${expected[port] ? 'allows' : 'denies'} it`);
              }
            }
          }
        }
      }
    }), { numRuns: 60 });
  });

  it('merges the open cells into flows that cover exactly the ports and addresses the reference allows', () => {
    fc.assert(fc.property(fc.array(ruleArb('INGRESS'), { minLength: 1, maxLength: 4 }), (rules) => {
      const stack = stackOf(rules);
      const flows = openedFlows(analyzeFirewall(stack));
      for (const spec of POOLS) {
        const pool = `google_container_node_pool.${spec.name}`;
        for (const protocol of ['tcp', 'udp'] as const) {
          const own = flows.filter((f) => f.pool === pool && f.direction === 'INGRESS' && (f.protocol === protocol || f.protocol === 'all protocols'));
          for (const address of UNIVERSE) {
            const expected = referenceActions(rules, spec, 'INGRESS', protocol, address);
            const covering = own.filter((f) => f.peers.some((peer) => !peer.startsWith('instances') && inBlock(peer, address)));
            for (let port = 1; port <= 65535; port++) {
              const open = covering.some((f) => f.ports === undefined || f.ports === 'all' || inPorts(f.ports, port)) ? 1 : 0;
              if (open !== expected[port]) throw new Error(`${protocol} ${address.text}:${port} on ${pool}: flows say ${open ? 'open' : 'closed'}, reference ${expected[port] ? 'open' : 'closed'}`);
            }
          }
        }
      }
    }), { numRuns: 30 });
  });

  it('reports as unexpected exactly the open cells outside the documented flows, and as missing exactly the closed documented cells', () => {
    const documentedArb = fc.array(fc.record({
      protocol: fc.constantFrom('tcp' as const, 'udp' as const),
      ports: portRangeArb,
      peers: fc.subarray(['10.0.0.0/30', '10.0.0.4/31', '0.0.0.0/0', '10.0.0.8/32'], { minLength: 1, maxLength: 2 }),
      targetPools: fc.subarray(['general' as const, 'realtime' as const], { minLength: 1 }),
    }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(fc.array(ruleArb('INGRESS'), { minLength: 1, maxLength: 4 }), documentedArb, (rules, specs) => {
      const documented: DocumentedFlow[] = specs.map((s) => ({ boundary: 'sbc-ingress', direction: 'INGRESS', protocol: s.protocol, ports: s.ports, peers: s.peers, targetPools: s.targetPools, references: [] }));
      // The unit's pool kinds, selected by network tag as a GKE unit's metadata declares them.
      const stack = { ...stackOf(rules), boundaries: { nodeTags: NODE_TAGS } as unknown as UnitBoundaries };
      const comparison = compareWithDocumented(analyzeFirewall(stack, documented), documented, ['INGRESS']);
      for (const spec of POOLS) {
        const pool = `google_container_node_pool.${spec.name}`;
        for (const protocol of ['tcp', 'udp'] as const) {
          const unexpected = comparison.unexpected.filter((f) => f.pools.some((p) => p.address === pool) && (f.atom === PROTOCOL_NUMBER[protocol] || f.atom === 'all'));
          const missing = comparison.missing.filter((f) => f.pools.some((p) => p.address === pool) && (f.atom === PROTOCOL_NUMBER[protocol] || f.atom === 'all'));
          const docs = documented.filter((d) => d.protocol === protocol && d.targetPools.some((kind) => (spec.tags as readonly string[]).includes(NODE_TAGS[kind] ?? '')));
          for (const address of UNIVERSE) {
            const expected = referenceActions(rules, spec, 'INGRESS', protocol, address);
            const docsHere = docs.filter((d) => d.peers.some((peer) => inBlock(peer, address)));
            const unexpectedHere = unexpected.filter((f) => f.peers.some((peer) => !peer.startsWith('instances') && inBlock(peer, address)));
            const missingHere = missing.filter((f) => f.peers.some((peer) => inBlock(peer, address)));
            for (let port = 1; port <= 65535; port++) {
              const isDocumented = docsHere.some((d) => d.ports!.from <= port && port <= d.ports!.to);
              const wantUnexpected = expected[port] === 1 && !isDocumented;
              const wantMissing = expected[port] === 0 && isDocumented;
              const gotUnexpected = unexpectedHere.some((f) => !f.ports || (f.ports.from <= port && port <= f.ports.to));
              const gotMissing = missingHere.some((f) => !f.ports || (f.ports.from <= port && port <= f.ports.to));
              if (gotUnexpected !== wantUnexpected || gotMissing !== wantMissing) {
                throw new Error(`${protocol} ${address.text}:${port} on ${pool}: unexpected ${gotUnexpected}/${wantUnexpected}, missing ${gotMissing}/${wantMissing}`);
              }
            }
          }
        }
      }
    }), { numRuns: 30 });
  });
});

/** The grid's decisions for one address, expanded to every port (one lookup per cell, not per port). */
function gridActions(grid: PoolGrid, atom: number, address: { family: Family; value: bigint }): Uint8Array {
  const atomGrid = grid.atoms.find((a) => a.atom === atom)!;
  const a = atomGrid.addresses.findIndex((cell) => cell.family === address.family && cell.first <= address.value && address.value <= cell.last);
  const actions = new Uint8Array(65536);
  atomGrid.ports.forEach((cell, p) => {
    const allow = decisionOf(atomGrid, a, p).rule.action === 'allow' ? 1 : 0;
    actions.fill(allow, cell.from, cell.to + 1);
  });
  return actions;
}

function inPorts(text: string, port: number): boolean {
  const [from, to] = text.split('-').map(Number);
  return from <= port && port <= (to ?? from);
}
