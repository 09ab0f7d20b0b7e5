import { addressRange } from '../../lib/network/address-set';
import { DocumentedFlow } from '../../lib/network/documented-flows';
import { analyzeWith, FlowEvaluator } from '../../lib/network/evaluators';
import { AccessRule, AnalyzedPool, evaluateOrderedRules, FlowAnalysis, protocolAtoms } from '../../lib/network/flow-analysis';
import { compareWithDocumented, worldOpenFlows } from '../../lib/network/flow-comparison';
import { StackInput } from '../../lib/policy/model';

/**
 * The contract of lib/network/evaluators.ts with a cloud that is none of ours: a toy evaluator whose
 * rules are written by hand here, so that the comparison is shown to work on any cloud's analysis.
 */
const POOL: AnalyzedPool = { id: 'toy.pool', label: 'toy pool', address: 'toy_pool.general', jsonPath: 'resource.toy_pool.general', kinds: ['general'], attributes: {}, summary: 'toy' };

function rule(address: string, action: 'allow' | 'deny', priority: number, peer: string, ports?: { from: number; to: number }): AccessRule {
  return {
    address, jsonPath: `resource.toy_rule.${address}`, implied: address === 'default-deny', ...(address === 'default-deny' ? { label: 'the default deny' } : {}),
    direction: 'INGRESS', priority, action, protocols: [{ protocol: ports ? 6 : 'all', ...(ports ? { ports: [ports] } : {}), path: '' }],
    peers: [addressRange(peer)], peersCoverAllIpv4: peer === '0.0.0.0/0', targets: new Set([POOL.id]), senders: new Set(),
  };
}

/** Allows tcp 443 and tcp 22 from the internet, then denies everything (IPv4 and IPv6). */
const RULES: AccessRule[] = [
  rule('https', 'allow', 100, '0.0.0.0/0', { from: 443, to: 443 }),
  rule('ssh', 'allow', 110, '0.0.0.0/0', { from: 22, to: 22 }),
  rule('default-deny', 'deny', 65500, '0.0.0.0/0'),
  { ...rule('default-deny', 'deny', 65500, '::/0'), peersCoverAllIpv4: false },
];

const toyCloud = (applies: boolean, calls: string[]): FlowEvaluator => ({
  cloud: 'toy',
  appliesTo: () => applies,
  analyze: (_stack, documented): FlowAnalysis => {
    calls.push(`analyze ${documented.length}`);
    const extras = { blocks: documented.flatMap((f) => f.peers.map(addressRange)), ports: documented.flatMap((f) => (f.ports ? [f.ports] : [])) };
    return {
      pools: [POOL],
      grids: [evaluateOrderedRules(POOL, 'INGRESS', RULES, protocolAtoms(RULES), [], extras)],
      disabledRules: [],
      unverifiable: [],
      poolKindNames: { targets: (kinds) => `toy pools ${kinds.join(', ')}`, absent: (kind) => ({ reason: `no toy pool ${kind}`, path: 'toy', fix: 'add one' }) },
    };
  },
});

const STACK = { stack: 'toy', file: 'toy/cdk.tf.json', resources: [] } as unknown as StackInput;
const HTTPS: DocumentedFlow = { boundary: 'internet-ingress', direction: 'INGRESS', protocol: 'tcp', ports: { from: 443, to: 443 }, peers: ['0.0.0.0/0'], targetPools: ['general'], references: [] };
const SBC: DocumentedFlow = { boundary: 'sbc-ingress', direction: 'INGRESS', protocol: 'udp', ports: { from: 5060, to: 5060 }, peers: ['192.0.2.0/24'], targetPools: ['realtime'], references: [] };

describe('flow evaluators (the cloud-neutral contract)', () => {
  it('asks only the evaluators that apply to the stack, once per stack and set of documented flows', () => {
    const calls: string[] = [];
    const skipped: string[] = [];
    const stack = { ...STACK };
    const first = analyzeWith([toyCloud(false, skipped), toyCloud(true, calls)], stack, [HTTPS]);
    expect(analyzeWith([toyCloud(false, skipped), toyCloud(true, calls)], stack, [HTTPS])).toBe(first);
    expect(calls).toEqual(['analyze 1']);
    expect(skipped).toEqual([]);
  });

  it('gives an empty analysis when no evaluator applies', () => {
    const analysis = analyzeWith([toyCloud(false, [])], { ...STACK }, []);
    expect([analysis.pools, analysis.grids, analysis.unverifiable]).toEqual([[], [], []]);
    expect(analysis.poolKindNames.absent('realtime').reason).toBe('no node pool is of kind realtime');
  });

  it('compares any cloud\'s analysis with the documented flows by pool kind', () => {
    const analysis = analyzeWith([toyCloud(true, [])], { ...STACK }, [HTTPS, SBC]);
    const comparison = compareWithDocumented(analysis, [HTTPS, SBC], ['INGRESS']);
    expect(comparison.unexpected.map((f) => [f.atom, f.ports, f.peers, f.rule.address, f.pools.map((p) => p.id)])).toEqual([
      [6, { from: 22, to: 22 }, ['0.0.0.0/0'], 'ssh', ['toy.pool']],
    ]);
    expect(comparison.missing).toEqual([]);
    expect(comparison.untargetedPools.map((u) => [u.kind, u.flows])).toEqual([['realtime', [SBC]]]);
    expect(worldOpenFlows(analysis, [{ protocol: 'tcp', ports: { from: 443, to: 443 }, targetPools: ['general'] }]).map((f) => [f.family, f.atom, f.ports, f.rules.map((r) => r.address)]))
      .toEqual([[4, 6, { from: 22, to: 22 }, ['ssh']]]);
  });
});
