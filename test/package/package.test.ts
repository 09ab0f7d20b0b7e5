import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

/**
 * The published shape of the package: what `npm pack` puts in the tarball and what each entry point
 * exports at run time (the type-only exports are checked by examples/platform-repo's tsc in
 * npm run try-example). A change here is a change of the public API: record it in CHANGELOG.md.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the tarball (npm pack)', () => {
  let files: string[];
  beforeAll(() => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    files = JSON.parse(result.stdout)[0].files.map((f: { path: string }) => f.path);
  });

  it('ships no tests, fixtures, benchmarks, CI, examples or scripts', () => {
    expect(files.filter((f) => /^(test|bench|examples|scripts|\.ci|stacks|docs)\/|^dist\/(test|stacks|bench)\/|\.test\.|fixtures/.test(f))).toEqual([]);
    // lib/testing/synth.ts is this repository's test helper, not part of cxunit/testing
    expect(files.filter((f) => f.startsWith('dist/lib/testing/')).sort()).toEqual([
      'dist/lib/testing/index.d.ts', 'dist/lib/testing/index.js', 'dist/lib/testing/matchers-entry.d.ts', 'dist/lib/testing/matchers-entry.js',
      'dist/lib/testing/matchers.d.ts', 'dist/lib/testing/matchers.js',
      'dist/lib/testing/policy.d.ts', 'dist/lib/testing/policy.js',
    ]);
  });

  it('ships every file the exports map, main, types and bin name, with type declarations', () => {
    const targets = [pkg.main, pkg.types, ...Object.values<string>(pkg.bin),
      ...Object.values<string | { types: string; default: string }>(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : [t.types, t.default]))];
    expect(targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !files.includes(t))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/lib/architecture/catalog.cache.json', 'lib/architecture/data/endpoints.yaml']));
  });

  it('ships the command line bundle but not its code cache, which serves only the build in place (bin/cxunit.js)', () => {
    expect(files.filter((f) => f.startsWith('dist/bin/') || f.startsWith('bin/')).sort()).toEqual([
      'bin/cxunit.js', 'dist/bin/cli.d.ts', 'dist/bin/cli.js', 'dist/bin/cxunit.bundle.js',
    ]);
  });

  it('declares the peer dependencies it is tested with, and keeps them out of dependencies', () => {
    expect(pkg.peerDependencies).toEqual({
      '@cdktf/provider-azurerm': '14.23.1', '@cdktf/provider-google': '16.12.1', '@cdktf/provider-kubernetes': '12.1.1', cdktf: '0.21.0', constructs: '~10.4.2',
    });
    expect(pkg.peerDependenciesMeta).toEqual({ '@cdktf/provider-azurerm': { optional: true } });
    for (const [name, range] of Object.entries<string>(pkg.peerDependencies)) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(range.replace(/^~/, '')).toBe(pkg.devDependencies[name]);
    }
    expect({ license: pkg.license, private: pkg.private }).toEqual({ license: 'Apache-2.0', private: undefined });
  });
});

describe('the entry points (compiled)', () => {
  let exported: Record<string, string[]>;
  beforeAll(() => {
    // Node resolves the package's own name through its exports map, as in a consumer's node_modules.
    const script = `const entries = ['cxunit', 'cxunit/aks', 'cxunit/testing', 'cxunit/testing/matchers', 'cxunit/policy', 'cxunit/catalog'];
      process.stdout.write(JSON.stringify(Object.fromEntries(entries.map((e) => [e, Object.keys(require(e)).sort()]))));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    exported = JSON.parse(result.stdout);
  });
  const exportsOf = (entry: string) => exported[entry === '.' ? 'cxunit' : `cxunit/${entry.slice(2)}`];

  it('cxunit: the GKE unit, enforcement, suppress, the catalog and the errors; cxunit/aks: the AKS unit', () => {
    expect(exportsOf('./aks')).toEqual(['AKS_STORAGE_CLASS_PARAMETERS', 'AksUnit', 'AksUnitPropsError']);
    expect(exportsOf('.')).toEqual(['Catalog', 'DATA_STORE_KINDS', 'DEFAULT_HEALTH_CHECK_PORT', 'DEFAULT_RTP_PORT_RANGE', 'GkeUnit', 'GkeUnitPropsError', 'InputError', 'RELEASE_CHANNELS', 'enforcePolicies', 'suppress']);
  });

  it('cxunit/testing: policySuite and the matchers', () => {
    expect(exportsOf('./testing')).toEqual(['asStackInput', 'policyMatchers', 'policySuite']);
    expect(exportsOf('./testing/matchers')).toEqual(['policyMatchers']);
  });

  it('cxunit/policy: the engine, the rules and the helpers for writing rules', () => {
    expect(exportsOf('./policy')).toEqual([
      'AKS_RULES', 'ALL_RULES', 'ENGINE_RULES', 'GKE_RULES', 'InputError', 'KUBERNETES_RULES', 'NETWORK_RULES', 'PolicyEvaluation', 'RESERVED_PACKS', 'STACK_FILE', 'SUPPRESSIONS_FILE',
      'UNKNOWN', 'asList', 'evaluatePolicies', 'failsAt', 'forEachStack', 'loadRuleModules', 'loadStacks', 'loadSuppressionsFile', 'read', 'resourcesOf', 'ruleById', 'summarize',
      'unknownReason',
    ]);
  });

  it('cxunit/catalog: the loader', () => {
    expect(exportsOf('./catalog')).toEqual(['Catalog', 'InputError', 'loadCatalog']);
  });

  it('cxunit loads no Azure provider and its declarations name none: a GKE-only app needs neither', () => {
    const script = `require('cxunit');
      process.stdout.write(String(Object.keys(require.cache).some((f) => /node_modules[\\\\/]@cdktf[\\\\/]provider-azurerm[\\\\/]/.test(f))));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('false');
    // Every declaration file cxunit's index reaches, followed through its relative imports.
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const text = fs.readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.[^']+)'/g)) visit(path.resolve(path.dirname(file), `${spec}.d.ts`).replace(/\/index\.d\.ts\.d\.ts$/, '/index.d.ts'));
    };
    visit(path.join(ROOT, 'dist/lib/index.d.ts'));
    expect([...reached].filter((file) => fs.readFileSync(file, 'utf8').includes('@cdktf/provider-azurerm'))).toEqual([]);
  });

  it('cxunit/aks says how to install the Azure provider when it is missing', () => {
    // As in a repo that installed cxunit the README's way for GKE: the optional peer is absent.
    const script = `const Module = require('module'); const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith('@cdktf/provider-azurerm')) throw Object.assign(new Error("Cannot find module '" + request + "'"), { code: 'MODULE_NOT_FOUND' });
        return resolve.call(this, request, ...rest);
      };
      try { require('cxunit/aks'); } catch (error) { process.stdout.write(error.message); }`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout).toBe('cxunit/aks needs the optional peer dependency @cdktf/provider-azurerm, which is not installed: '
      + 'run "npm install @cdktf/provider-azurerm@14.23.1"');
  });

  it('cxunit/policy and cxunit/catalog load neither cdktf nor a provider', () => {
    const script = `require('cxunit/policy'); require('cxunit/catalog');
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdktf|constructs|@cdktf)[\\\\/]/.test(f))));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout).toBe('[]');
  });
});
