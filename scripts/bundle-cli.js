#!/usr/bin/env node
// Bundles the compiled command line (dist/bin/cli.js and everything it requires) into one file,
// dist/bin/cxunit.bundle.js, which bin/cxunit.js runs when present. Start-up of `cxunit check` was mostly
// module loading: about 120 files resolved, stat'ed, read and compiled one by one (bench/policy.js,
// --profile). One file removes the resolution and the per-file overhead; V8 still compiles functions lazily.
// Part of "npm run build" (after tsc); dist/bin/cli.js stays the unbundled entry point.
//
// Then the V8 code cache of the bundle, dist/bin/cxunit.bundle.cache (see bin/cxunit.js runBundle): a check run
// with CXUNIT_WRITE_CODE_CACHE=1 writes it when it exits, so that it holds the functions the check compiled. V8
// compiles most functions lazily, at their first call: a cache made right after compiling (as Node 22's
// module.enableCompileCache makes it) holds little more than the top level. The cache's first line records the
// bundle's path, size and modification time and the Node that made it: only that Node uses it, for that bundle where it was built
// (the package does not ship it); otherwise the bundle compiles as before.
'use strict';
const { spawnSync } = require('child_process');
const os = require('os');
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT_DIR = path.join(DIST, 'bin');
const BUNDLE = path.join(OUT_DIR, 'cxunit.bundle.js');
const CODE_CACHE = path.join(OUT_DIR, 'cxunit.bundle.cache');

/**
 * What the build's check reads: a GKE unit and an AKS cluster with its storage classes (the hand-written test
 * fixtures), so that the cache holds both clouds' paths through the engine, the rules and the text reporter.
 */
const REPRESENTATIVE_INPUTS = [
  'test/fixtures/policy/network/compliant/cdk.tf.json',
  'test/fixtures/policy/kubernetes/storage-classes/aks-compliant.json',
].map((file) => path.join(ROOT, file));

/**
 * Modules that find files beside themselves (the catalog's data and cache, the generated validators, the
 * package.json) use __dirname, which in a bundle is the bundle's directory: give each its own directory back,
 * relative to the bundle so that the installed package can live anywhere.
 */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(DIST + path.sep)) return undefined;
      const source = fs.readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(source)) return undefined;
      const relative = path.relative(OUT_DIR, path.dirname(args.path)).split(path.sep).join('/');
      return { contents: source.replace(/\b__dirname\b/g, `require("path").join(__dirname, ${JSON.stringify(relative)})`), loader: 'js' };
    });
  },
};

/**
 * Runtime dependencies that `cxunit check` does not load (ajv compiles schemas only when the build's catalog cache
 * and precompiled validators are missing, or for other commands): left out of the bundle, which V8 would
 * otherwise have to parse at every start, and loaded from node_modules when a command needs them. yaml is
 * bundled: a check reads the suppressions file with it, and loading its 80 files took ~30 ms of such a check,
 * against ~2 ms more to parse the bigger bundle at a start without a code cache (an installed copy).
 */
const LAZY_DEPENDENCIES = ['ajv', 'ajv-formats', 'ajv-draft-04'];

/**
 * ajv's runtime helpers that the precompiled validators require (ucs2length, for minLength): under a
 * hundred lines, bundled so that a check resolves nothing in node_modules (marking ajv external marks its
 * subpaths too).
 */
const ajvRuntime = {
  name: 'ajv-runtime',
  setup(build) {
    build.onResolve({ filter: /^ajv\/dist\/runtime\// }, (args) => ({ path: require.resolve(args.path, { paths: [args.resolveDir] }) }));
  },
};

/**
 * commander requires child_process when it loads, for subcommands that are separate executables, which cxunit
 * has none of: loading it was about 4 ms of every start. Inside commander it resolves to a module that loads the
 * real one at first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
      ? { path: 'child_process', namespace: 'lazy-child-process' }
      : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let real;\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require('child_process'))[key] });\n",
      loader: 'js',
    }));
  },
};

async function writeBundle() {
  await esbuild.build({
    entryPoints: [path.join(OUT_DIR, 'cli.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // The provider bindings and cdktf are never loaded by the CLI (the engine and CLI never load them); if a lazily
    // required module ever names one, it resolves from node_modules at run time rather than being bundled.
    external: ['cdktf', 'constructs', '@cdktf/*', ...LAZY_DEPENDENCIES],
    plugins: [ownDirname, ajvRuntime, lazyChildProcess],
  });
}

/** Runs one check through bin/cxunit.js, which writes the code cache when it exits. */
function writeCodeCache() {
  fs.rmSync(CODE_CACHE, { force: true });
  const inputs = REPRESENTATIVE_INPUTS.filter((file) => fs.existsSync(file));
  if (inputs.length === 0) {
    process.stderr.write('bundle-cli: no code cache for the bundle (test/fixtures, which it checks, is missing): the command line starts without it\n');
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-code-cache-'));
  try {
    // Without NODE_OPTIONS: V8 flags given there (e.g. --max-old-space-size) would make V8 refuse the cache in a plain run.
    const { NODE_OPTIONS: _, ...env } = process.env;
    const check = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cxunit.js'), 'check', ...inputs, '--output', path.join(work, 'report.txt')], {
      cwd: work, encoding: 'utf8', env: { ...env, CXUNIT_WRITE_CODE_CACHE: '1', CXUNIT_DEBUG_STARTUP: '0' },
    });
    if (![0, 1].includes(check.status) || !fs.existsSync(CODE_CACHE)) {
      throw new Error(`the check that makes the code cache failed (exit ${check.status}):\n${check.stderr}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

writeBundle().then(writeCodeCache).catch((error) => {
  process.stderr.write(`bundle-cli: ${error.message}\n`);
  process.exit(1);
});
