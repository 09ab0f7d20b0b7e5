import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { addressRange, intervalToCidrs, mergeIntervals } from '../../lib/network/address-set';
import { cxunit, ROOT } from '../helpers/cli';

/**
 * The independent oracle: test/fixtures/oracle/<unit>.yaml lists, by hand from the documents, every flow
 * each example unit must open, with the document rows. Here the units are synthesized by the real app and
 * read back by the real `cxunit flows --format json`; both lists must be equal, flow for flow. Nothing
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
}

interface FlowsJson {
  stacks: Array<{ stack: string; pools: Array<{ pool: string; tags: string[]; flows: Array<{ direction: string; protocol: string; ports?: string; peers: string[] }> }> }>;
}

const ORACLE = path.join(ROOT, 'test/fixtures/oracle');
const ORACLE_UNITS = ['usw1', 'use1', 'use1shared'];
const KIND_OF_TAG_SUFFIX: Readonly<Record<string, string>> = { general: 'general', realtime: 'realtime', 'third-party': 'thirdParty' };

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
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-oracle-'));
    for (const [units, outdir] of [['stacks/units.yaml', 'shipped'], ['test/fixtures/oracle/units.yaml', 'shared-vpc']]) {
      // The GKE units with an oracle (the shipped file also holds an AKS pair, whose flows test/aks checks).
      for (const stack of synthesize(units, path.join(dir, outdir)).stacks.filter((s) => ORACLE_UNITS.includes(s.stack))) {
        const flows = stack.pools.flatMap((pool) => {
          const tag = pool.tags.find((t) => t.startsWith(`${stack.stack}-`));
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

  it.each(ORACLE_UNITS)('every flow of the %s oracle says why and cites a row', (unit) => {
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
