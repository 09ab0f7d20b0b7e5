import { spawnSync } from 'child_process';
import * as path from 'path';
import { synthesizeAksUnit, synthesizeGkeUnit } from '../../lib/testing/synth';
import { AKS_PRIMARY } from '../aks/example-props';
import { PRIMARY } from '../gke/example-props';
import { ROOT } from '../helpers/cli';

const AUTOPILOT = (unit: { cluster: { addOverride(path: string, value: unknown): void } }) => unit.cluster.addOverride('enable_autopilot', true);

/** The error lines of a failed synthesis (cdktf prints one `[construct path] message` line per error). */
function synthErrors(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as Error).message.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('['));
  }
  throw new Error('synthesis succeeded');
}

describe('a GkeUnit enforces the policies on its own stack', () => {
  it('fails synthesis of a plain TerraformStack on a violation added through an escape hatch, with no enforcePolicies call', () => {
    const errors = synthErrors(() => synthesizeGkeUnit(PRIMARY, { escapeHatch: AUTOPILOT }));
    expect(errors.map((line) => line.split(': ')[0])).toEqual(['[usw1/unit/cluster/cluster] [gke.no-autopilot] google_container_cluster.unit_cluster_BA637D3C']);
  });

  it('evaluates the rules once per stack when the stack also calls enforcePolicies', () => {
    const errors = synthErrors(() => synthesizeGkeUnit(PRIMARY, { escapeHatch: AUTOPILOT, enforcePoliciesOnStack: true }));
    expect(errors.filter((line) => line.includes('[gke.no-autopilot]'))).toHaveLength(1);
  });

  it('lets a unit opt out with enforcePolicies: false', () => {
    const json = synthesizeGkeUnit({ ...PRIMARY, enforcePolicies: false }, { escapeHatch: AUTOPILOT });
    expect(Object.values<{ enable_autopilot?: boolean }>(json.resource.google_container_cluster).map((c) => c.enable_autopilot)).toEqual([true]);
  });
});

describe('an AksUnit enforces the policies on its own stack', () => {
  const OVERLAY = (unit: { cluster: { addOverride(path: string, value: unknown): void } }) => unit.cluster.addOverride('network_profile.network_plugin_mode', 'overlay');

  it('fails synthesis on Azure CNI Overlay set through an escape hatch, naming aks.pod-networking', () => {
    const errors = synthErrors(() => synthesizeAksUnit(AKS_PRIMARY, { escapeHatch: OVERLAY }));
    expect(errors.map((line) => line.split(': ')[0])).toEqual(['[weu1/unit/cluster/cluster] [aks.pod-networking] azurerm_kubernetes_cluster.unit_cluster_BA637D3C']);
  });

  it('lets a unit opt out with enforcePolicies: false', () => {
    const json = synthesizeAksUnit({ ...AKS_PRIMARY, enforcePolicies: false }, { escapeHatch: OVERLAY });
    expect(Object.values<{ network_profile: { network_plugin_mode?: string } }>(json.resource.azurerm_kubernetes_cluster).map((c) => c.network_profile.network_plugin_mode)).toEqual(['overlay']);
  });
});

/**
 * An app that loads a second copy of cdktf (cxunit installed from a checkout): the compiled GkeUnit and
 * its providers keep the copy they loaded, the app's App and TerraformStack come from a fresh copy.
 */
function synthWithTwoCdktfCopies(props: object): { status: number | null; stderr: string } {
  const script = `
    const path = require('path');
    const { GkeUnit } = require(path.join(${JSON.stringify(ROOT)}, 'dist/lib/gke/gke-unit.js'));
    const marker = path.sep + 'node_modules' + path.sep + 'cdktf' + path.sep;
    for (const key of Object.keys(require.cache)) if (key.includes(marker)) delete require.cache[key];
    const appCdktf = require(path.join(${JSON.stringify(ROOT)}, 'node_modules/cdktf'));
    const outdir = require('fs').mkdtempSync(path.join(require('os').tmpdir(), 'cxunit-two-cdktf-'));
    try {
      const app = new appCdktf.App({ outdir });
      const stack = new appCdktf.TerraformStack(app, 'euw1');
      const { GoogleProvider } = require(path.join(${JSON.stringify(ROOT)}, 'node_modules/@cdktf/provider-google/lib/provider'));
      new GoogleProvider(stack, 'google', { project: 'acme-cx-euw1', region: 'europe-west1' });
      const unit = new GkeUnit(stack, 'unit', ${JSON.stringify(props)});
      unit.cluster.addOverride('enable_autopilot', true);
      app.synth();
    } finally {
      require('fs').rmSync(outdir, { recursive: true, force: true });
    }`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('two copies of cdktf', () => {
  const ownCopy = path.join(ROOT, 'node_modules', 'cdktf');

  it('fail synthesis saying that the policies cannot run, and how to fix it', () => {
    const result = synthWithTwoCdktfCopies(PRIMARY);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      `[euw1] cxunit: the policies cannot be enforced on stack "euw1": two copies of cdktf are loaded (the app's ${ownCopy} and cxunit's ${ownCopy}), `
      + 'and cdktf runs only the aspects registered through its own copy. Install cxunit from its package (npm install cxunit, or the .tgz that npm pack writes) '
      + 'rather than from a checkout or with npm link, or make npm install a single cdktf (npm dedupe; "overrides" in package.json), then synthesize again. '
      + 'To synthesize without the policies, pass enforcePolicies: false to the unit.');
  });

  it('synthesize when the unit opted out', () => {
    expect(synthWithTwoCdktfCopies({ ...PRIMARY, enforcePolicies: false })).toEqual({ status: 0, stderr: '' });
  });
});
