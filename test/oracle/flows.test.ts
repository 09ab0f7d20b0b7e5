import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { addressRange, intervalToCidrs, mergeIntervals } from '../../lib/network/address-set';
import { cxunit, ROOT } from '../helpers/cli';
import { coverage, FlowText, trafficDifferences } from './traffic';

/**
 * The independent oracle: test/fixtures/oracle/<unit>.yaml lists, by hand from the documents, every flow
 * each example unit must open, with the document rows. Here the units are synthesized by the real app and
 * read back by the real `cxunit flows --format json`; both lists must be equal, flow for flow (GKE) or in
 * the traffic they let through (AKS, whose default rules split the same traffic differently). Nothing
 * here calls documentedFlows: a flow cxunit derives wrongly shows up as a difference.
 */

interface OracleFlow {
  readonly pool: string;
  readonly direction: string;
  readonly protocol: string;
  readonly ports?: string;
  readonly peers: string[];
  readonly why: string;
  readonly rows: string[];
  /**
   * Why cxunit and the oracle disagree here, with the rows (README.md "Disputed flows"): the flow's
   * traffic is printed and left out of the comparison.
   */
  readonly disputed?: string;
  /** For a disputed flow: whether the oracle holds that its traffic must be open (the default) or closed. */
  readonly expected?: 'open' | 'closed';
}

interface FlowsJson {
  stacks: Array<{ stack: string; pools: Array<{ pool: string; tags?: string[]; subnet?: string; flows: Array<{ direction: string; protocol: string; ports?: string; peers: string[] }> }> }>;
}

const ORACLE = path.join(ROOT, 'test/fixtures/oracle');
const ORACLE_UNITS = ['usw1', 'use1', 'use1shared'];
const AKS_ORACLE_UNITS = ['weu1', 'neu1'];
const KIND_OF_TAG_SUFFIX: Readonly<Record<string, string>> = { general: 'general', realtime: 'realtime', 'third-party': 'thirdParty' };
/** Every AKS pool kind has a node subnet and a pod subnet; an oracle flow holds on both (README.md). */
const AKS_SUBNETS = ['nodes', 'pods'] as const;

function oracle(unit: string): OracleFlow[] {
  return (parse(fs.readFileSync(path.join(ORACLE, `${unit}.yaml`), 'utf8')) as { flows: OracleFlow[] }).flows;
}

/** Flows as `pool DIRECTION protocol ports: peers`, the peers of one key merged into CIDR blocks (so that 10.20.0.0/20 + 10.20.16.0/20 = 10.20.0.0/19). */
function normalize(flows: ReadonlyArray<{ pool: string; direction: string; protocol: string; ports?: string; peers: readonly string[] }>): string[] {
  const byKey = new Map<string, string[]>();
  for (const flow of flows) {
    const key = `${flow.pool} ${flow.direction} ${flow.protocol} ${flow.ports ?? '-'}`;
    byKey.set(key, [...(byKey.get(key) ?? []), ...flow.peers]);
  }
  return [...byKey].map(([key, peers]) => `${key}: ${mergeIntervals(peers.map(addressRange)).flatMap(intervalToCidrs).join(', ')}`).sort();
}

/**
 * The pool kind and subnet of an AKS pool, read from its subnet's name (`weu1-pods-third-party`), which
 * the unit's address plan gives: not from cxunit's own kind computation.
 */
function aksPoolOf(unit: string, subnet: string | undefined): string {
  const match = new RegExp(`^${unit}-(nodes|pods)-(.+)$`).exec(subnet ?? '');
  const kind = match ? KIND_OF_TAG_SUFFIX[match[2]] : undefined;
  if (!match || !kind) throw new Error(`AKS pool subnet "${subnet}" of ${unit} is not named <unit>-nodes|pods-<kind>`);
  return `${kind} ${match[1]}`;
}

const isAddressRange = (peer: string) => /^[0-9a-f.:]+\/\d+$/i.test(peer);

/** Per `<kind> <subnet> <direction>`, the oracle's flows (each on the kind's node and pod subnets). */
function aksOracle(unit: string, disputed: boolean): Map<string, OracleFlow[]> {
  const byPool = new Map<string, OracleFlow[]>();
  for (const flow of oracle(unit).filter((f) => (f.disputed !== undefined) === disputed)) {
    for (const subnet of AKS_SUBNETS) {
      const key = `${flow.pool} ${subnet} ${flow.direction}`;
      byPool.set(key, [...(byPool.get(key) ?? []), flow]);
    }
  }
  return byPool;
}

function synthesize(unitsFile: string, outdir: string): FlowsJson {
  const synth = spawnSync(process.execPath, [path.join(ROOT, 'dist/stacks/main.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: outdir, CXUNIT_UNITS: unitsFile } });
  if (synth.status !== 0) throw new Error(`synthesis of ${unitsFile} failed: ${synth.stderr}`);
  const flows = cxunit(['flows', outdir, '--format', 'json']);
  if (flows.status !== 0) throw new Error(`cxunit flows failed: ${flows.stderr}`);
  return JSON.parse(flows.stdout) as FlowsJson;
}

describe('the flow oracle (hand-written from the documents) against `cxunit flows --format json`', () => {
  let dir: string;
  const opened = new Map<string, string[]>();
  /** AKS units: per unit, `<kind> <subnet> <direction>` -> the flows cxunit reports there. */
  const openedAks = new Map<string, Map<string, FlowText[]>>();
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-oracle-'));
    for (const [units, outdir] of [['stacks/units.yaml', 'shipped'], ['test/fixtures/oracle/units.yaml', 'shared-vpc']]) {
      const result = synthesize(units, path.join(dir, outdir));
      for (const stack of result.stacks.filter((s) => AKS_ORACLE_UNITS.includes(s.stack))) {
        const byPool = new Map<string, FlowText[]>();
        for (const pool of stack.pools) {
          const where = aksPoolOf(stack.stack, pool.subnet);
          for (const flow of pool.flows) byPool.set(`${where} ${flow.direction}`, [...(byPool.get(`${where} ${flow.direction}`) ?? []), flow]);
          for (const direction of ['INGRESS', 'EGRESS']) if (!byPool.has(`${where} ${direction}`)) byPool.set(`${where} ${direction}`, []);
        }
        openedAks.set(stack.stack, byPool);
      }
      for (const stack of result.stacks.filter((s) => ORACLE_UNITS.includes(s.stack))) {
        const flows = stack.pools.flatMap((pool) => {
          const tag = (pool.tags ?? []).find((t) => t.startsWith(`${stack.stack}-`));
          const kind = tag ? KIND_OF_TAG_SUFFIX[tag.slice(stack.stack.length + 1)] : undefined;
          if (!kind) throw new Error(`pool ${pool.pool} of ${stack.stack} has no unit pool tag`);
          return pool.flows.map((flow) => ({ pool: kind, ...flow }));
        });
        // The Shared VPC group repeats usw1 as use1shared's peer: the shipped usw1 is the one under test.
        if (!opened.has(stack.stack)) opened.set(stack.stack, normalize(flows));
      }
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(ORACLE_UNITS)('%s opens exactly the flows of its oracle', (unit) => {
    expect(opened.get(unit)).toEqual(normalize(oracle(unit)));
  });

  it.each(AKS_ORACLE_UNITS)('%s lets through exactly the traffic of its oracle, on the node and pod subnets of every pool', (unit) => {
    const pools = openedAks.get(unit)!;
    const expected = aksOracle(unit, false);
    const disputed = aksOracle(unit, true);
    const differences: string[] = [];
    for (const key of [...new Set([...pools.keys(), ...expected.keys()])].sort()) {
      const leftOut = (disputed.get(key) ?? []).filter((f) => f.peers.every(isAddressRange));
      for (const d of trafficDifferences(pools.get(key) ?? [], expected.get(key) ?? [], leftOut)) {
        if (d.onlyFirst.length > 0) differences.push(`${key} ${d.traffic}: cxunit opens it to ${d.onlyFirst.join(', ')}, the oracle does not`);
        if (d.onlySecond.length > 0) differences.push(`${key} ${d.traffic}: the oracle opens it to ${d.onlySecond.join(', ')}, cxunit does not`);
      }
    }
    expect(differences).toEqual([]);
    // Every pool kind of the oracle is a pool of the unit, with both its subnets.
    expect([...expected.keys()].filter((key) => !pools.has(key))).toEqual([]);
  });

  it.each(AKS_ORACLE_UNITS)('the disputed flows of the %s oracle are printed, and each is still in dispute', (unit) => {
    const pools = openedAks.get(unit)!;
    const report: string[] = [];
    const settled: string[] = [];
    for (const flow of oracle(unit).filter((f) => f.disputed !== undefined)) {
      const expected = flow.expected ?? 'open';
      const traffic = `${flow.pool} ${flow.direction} ${flow.protocol}${flow.ports ? ` ${flow.ports}` : ''} ${flow.peers.join(', ')}`;
      if (!flow.peers.every(isAddressRange)) {
        report.push(`${unit} ${traffic}: the oracle expects it ${expected}; its peers are names, not address ranges, so it cannot be compared. ${flow.disputed}`);
        continue;
      }
      const opened = AKS_SUBNETS.map((subnet) => `${subnet}: ${coverage(flow, pools.get(`${flow.pool} ${subnet} ${flow.direction}`) ?? [])}`);
      report.push(`${unit} ${traffic}: the oracle expects it ${expected}, cxunit opens ${opened.join(', ')}. ${flow.disputed}`);
      if (opened.every((o) => o.endsWith(expected === 'open' ? ': all' : ': none'))) settled.push(`${traffic}: cxunit now agrees with the oracle; remove "disputed"`);
    }
    if (report.length > 0) console.log(`Disputed flows (left out of the comparison):\n${report.join('\n')}`);
    expect(settled).toEqual([]);
  });

  it.each([...ORACLE_UNITS, ...AKS_ORACLE_UNITS])('every flow of the %s oracle says why and cites a row', (unit) => {
    for (const flow of oracle(unit)) {
      expect(flow.why.length).toBeGreaterThan(5);
      expect(flow.rows.length).toBeGreaterThan(0);
    }
  });

  it('docs/units/<unit>.md are current with the shipped units (run "npm run docs:units" when this fails)', () => {
    const result = cxunit(['docs', '--units', path.join(dir, 'shipped'), '--dir', path.join(ROOT, 'docs')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const use1 = fs.readFileSync(path.join(ROOT, 'docs/units/use1.md'), 'utf8');
    expect(use1).toContain('| INGRESS | tcp 443 | 203.0.113.0/24 | general | clients reach ingress-nginx\'s load balancer (internet-ingress) | 003 "Third-party dependencies for Genesys Multicloud CX services" Load balancer |');
    expect(use1).not.toContain('0.0.0.0/0');
    // use1 does not declare the SBCs' media range: its page says the range RTP is sent to is an assumption.
    expect(use1).toContain('- SBC media range (RTP to the SBC under egress lockdown): 20000-45000, an assumption: the unit does not declare sbcRtpPortRange, '
      + 'so the SBC is taken to use the unit\'s own rtpPortRange (no document gives the SBC\'s range: docs/document-disagreements.md, "Inside 003: other sections" 10)\n');
  });

  it('use1 opens nothing to the internet: no tcp 20-22, 25, 587 or 993 (services it does not run)', () => {
    const internet = (opened.get('use1') ?? []).filter((line) => line.includes('EGRESS') && line.includes('0.0.0.0/0'));
    expect(internet).toEqual([]);
  });
});
