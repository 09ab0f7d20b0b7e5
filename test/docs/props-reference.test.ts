import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveAksUnitProps } from '../../lib/aks/aks-unit-props';
import { resolveGkeUnitProps } from '../../lib/gke/gke-unit-props';
import { AKS_PRIMARY } from '../aks/example-props';
import { PRIMARY } from '../gke/example-props';
import { ROOT } from '../helpers/cli';

const REFERENCE = path.join(ROOT, 'docs/gke-unit-props.md');

function propsDocs(args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/props-docs.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('docs/gke-unit-props.md (generated from the TSDoc of GkeUnitProps)', () => {
  it('is up to date (run "npm run docs" when this fails)', () => {
    expect(propsDocs([])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('documents every prop a unit resolves', () => {
    const documented = fs.readFileSync(REFERENCE, 'utf8').split('## PeerUnit')[0].split('\n').flatMap((line) => /^\| `(\w+)` \|/.exec(line)?.[1] ?? []);
    const resolved = Object.keys(resolveGkeUnitProps({ ...PRIMARY, existingNetworkName: 'vpc', existingSubnetName: 'nodes', dataStoreSubnetCidr: '10.9.0.0/24', minMasterVersion: '1.30' }));
    expect(resolved.filter((prop) => !documented.includes(prop))).toEqual([]);
    expect(documented).toHaveLength(new Set(documented).size);
  });

  it('reports a stale copy, exit code 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-props-docs-'));
    try {
      const stale = path.join(dir, 'gke-unit-props.md');
      fs.writeFileSync(stale, fs.readFileSync(REFERENCE, 'utf8').replace('| `enforcePolicies` |', '| `enforce` |'));
      expect(propsDocs([stale])).toEqual({ status: 1, stdout: '', stderr: `out of date: ${path.relative(ROOT, stale)}: run "npm run docs"\n` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/aks-unit-props.md (generated from the TSDoc of AksUnitProps, with the props it takes from GkeUnitProps)', () => {
  const reference = path.join(ROOT, 'docs/aks-unit-props.md');

  it('documents every prop an AKS unit resolves, once', () => {
    const documented = fs.readFileSync(reference, 'utf8').split('## AksPeerUnit')[0].split('\n').flatMap((line) => /^\| `(\w+)` \|/.exec(line)?.[1] ?? []);
    const resolved = Object.keys(resolveAksUnitProps({ ...AKS_PRIMARY, existingVnetName: 'vnet', dataStoreSubnetCidr: '10.9.0.0/24', kubernetesVersion: '1.32' }));
    expect(resolved.filter((prop) => !documented.includes(prop))).toEqual([]);
    expect(documented).toHaveLength(new Set(documented).size);
    expect(fs.readFileSync(reference, 'utf8')).toContain('| `sbcSourceRanges` | `string[]` | no | - no SBC rule is created, and the unit\'s voice boundary is recorded as closed | As on GkeUnit: Source ranges of the session border controllers');
  });
});
