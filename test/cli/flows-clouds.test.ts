import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeAksUnit, synthesizeGkeUnit } from '../../lib/testing/synth';
import { AKS_PRIMARY } from '../aks/example-props';
import { PRIMARY } from '../gke/example-props';
import { cxunit } from '../helpers/cli';

/**
 * `cxunit flows` through the real command line on a GKE unit and an AKS unit with the same boundary
 * props (SBC ranges, ingress ranges, a third-party pool, no peers): per pool kind, the documented
 * flows each cloud opens are the same. What differs is each cloud's own: the health-check source
 * (Google's probe ranges; Azure's 168.63.129.16), AKS's explicit intra-VNet rule, and how egress
 * without lockdown is left open (GCP's implied rule; Azure's default rules).
 */

interface FlowJson { readonly direction: string; readonly protocol: string; readonly ports?: string; readonly peers: readonly string[]; readonly openedBy: string }
interface PoolJson { readonly pool: string; readonly flows: readonly FlowJson[] }

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-flows-'));
  const write = (name: string, json: object) => {
    fs.mkdirSync(path.join(work, name), { recursive: true });
    fs.writeFileSync(path.join(work, name, 'cdk.tf.json'), JSON.stringify(json));
  };
  write('gke', synthesizeGkeUnit({ ...PRIMARY, peerUnits: [] }));
  write('aks', synthesizeAksUnit({ ...AKS_PRIMARY, peerUnits: [], sbcSourceRanges: PRIMARY.sbcSourceRanges }));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function kindOf(pool: string): string {
  return ['realtime', 'general', 'third'].find((kind) => pool.includes(kind))!;
}

/** `realtime INGRESS udp 5080 from 192.0.2.0/24` for every documented ingress flow the stack opens. */
function documentedIngress(dir: string): string[] {
  const result = cxunit(['flows', path.join(work, dir), '--format', 'json']);
  expect(result.status).toBe(0);
  const pools = (JSON.parse(result.stdout) as { stacks: Array<{ pools: PoolJson[] }> }).stacks[0].pools;
  const lines = pools.flatMap((pool) => pool.flows
    .filter((f) => f.direction === 'INGRESS' && !/health-check|unit-ingress/.test(f.openedBy))
    .map((f) => `${kindOf(pool.pool)} ${f.direction} ${f.protocol} ${f.ports ?? ''} from ${f.peers.join(',')}`));
  return [...new Set(lines)].sort();
}

describe('cxunit flows on a GKE and an AKS unit with the same props', () => {
  it('shows the same documented flows per pool kind', () => {
    const gke = documentedIngress('gke');
    // Written from the documents: HTTPS from the internet to the ingress pool (000 #1, 001 #27); SIP and
    // RTP from the SBC to the real-time pool (003 "Voice connectivity: Connections" rows 1, 12, 16).
    expect(gke).toEqual([
      'general INGRESS tcp 443 from 0.0.0.0/0',
      'realtime INGRESS tcp 5080 from 192.0.2.0/24',
      'realtime INGRESS udp 20000-45000 from 192.0.2.0/24',
      'realtime INGRESS udp 5080 from 192.0.2.0/24',
    ]);
    expect(documentedIngress('aks')).toEqual(gke);
  });

  it('shows each AKS pool by subnet with its NSG', () => {
    const result = cxunit(['flows', path.join(work, 'aks')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('node pool "realtime" (pod subnet weu1-pods-realtime) (NSG azurerm_network_security_group.unit_security-groups_realtime_2FF48883)');
    expect(result.stdout).toMatch(/INGRESS udp 20000-45000\s+from 192\.0\.2\.0\/24 {2}\[azurerm_network_security_group\.unit_security-groups_realtime_2FF48883\.security_rule\["sbc-ingress-udp"\]\]/);
  });
});
