import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

/** Lints `source` as if it were the file at `file` (nothing is written), returning the rule ids reported. */
function lint(file: string, source: string): string[] {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: ROOT, input: source, encoding: 'utf8',
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint failed: ${result.stderr}`);
  return JSON.parse(result.stdout)[0].messages.map((m: { ruleId: string; message: string }) => `${m.ruleId}: ${m.message.split(':')[0]}`);
}

describe('import boundaries (eslint.config.mjs)', () => {
  it('rejects a provider package index in a construct, and accepts the deep path', () => {
    expect(lint('lib/gke/probe.ts', "import { ContainerCluster } from '@cdktf/provider-google';\nexport const c = ContainerCluster;\n")).toEqual([
      "no-restricted-imports: '@cdktf/provider-google' import is restricted from being used by a pattern. Import provider classes by deep path (e.g. @cdktf/provider-google/lib/container-cluster)",
    ]);
    expect(lint('lib/gke/probe.ts', "import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';\nexport const c = ContainerCluster;\n")).toEqual([]);
    expect(lint('lib/gke/probe.ts', "import * as google from '@cdktf/provider-google/lib';\nexport const g = google;\n")).toHaveLength(1);
  });

  it('keeps cdktf and the providers out of the engine, the rules, the catalog and the command line', () => {
    for (const file of ['lib/policy/probe.ts', 'policies/gke/probe.ts', 'lib/architecture/probe.ts', 'lib/network/probe.ts', 'lib/cli/probe.ts', 'bin/probe.ts']) {
      expect(lint(file, "import { App } from 'cdktf';\nexport const a = App;\n")).toEqual([
        "no-restricted-imports: 'cdktf' import is restricted from being used by a pattern. The policy engine, catalog and command line must not load cdktf or provider bindings",
      ]);
    }
  });

  it('keeps the flow model cloud-neutral: lib/network imports no cloud', () => {
    expect(lint('lib/network/probe.ts', "import { GOOGLE_HEALTH_CHECK_RANGES } from '../gcp/health-checks';\nexport const r = GOOGLE_HEALTH_CHECK_RANGES;\n")).toEqual([
      "no-restricted-imports: '../gcp/health-checks' import is restricted from being used by a pattern. lib/network is the cloud-neutral flow model",
    ]);
    expect(lint('lib/gcp/probe.ts', "import { omit } from '../network/collections';\nexport const o = omit;\n")).toEqual([]);
  });

  it('keeps cdktf out of stacks/ and test/ (they go through lib/)', () => {
    expect(lint('stacks/probe.ts', "import { App } from 'cdktf';\nexport const a = App;\n")).toHaveLength(1);
    expect(lint('test/probe.test.ts', "import { Testing } from 'cdktf';\nexport const t = Testing;\n")).toHaveLength(1);
    expect(lint('lib/app-probe.ts', "import { App } from 'cdktf';\nexport const a = App;\n")).toEqual([]);
  });
});
