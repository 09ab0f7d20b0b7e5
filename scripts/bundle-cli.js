#!/usr/bin/env node
// Bundles the compiled command line (dist/bin/cli.js and everything it requires) into one file,
// dist/bin/cxunit.bundle.js, which bin/cxunit.js runs when present. Start-up of `cxunit check` was mostly
// module loading: about 120 files resolved, stat'ed, read and compiled one by one (bench/policy.js,
// --profile). One file removes the resolution and the per-file overhead; V8 still compiles functions lazily.
// Part of "npm run build" (after tsc); dist/bin/cli.js stays the unbundled entry point.
'use strict';
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT_DIR = path.join(DIST, 'bin');

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
 * Runtime dependencies that `cxunit check` does not load (the YAML catalog and ajv are read only when the build's
 * catalog cache and precompiled validators are missing, or by other commands): left out of the bundle, which V8
 * would otherwise have to parse at every start, and loaded from node_modules when a command needs them.
 */
const LAZY_DEPENDENCIES = ['yaml', 'ajv', 'ajv/*', 'ajv-formats', 'ajv-draft-04'];

esbuild.build({
  entryPoints: [path.join(OUT_DIR, 'cli.js')],
  outfile: path.join(OUT_DIR, 'cxunit.bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // The provider bindings and cdktf are never loaded by the CLI (the engine and CLI never load them); if a lazily
  // required module ever names one, it resolves from node_modules at run time rather than being bundled.
  external: ['cdktf', 'constructs', '@cdktf/*', ...LAZY_DEPENDENCIES],
  plugins: [ownDirname],
}).catch(() => process.exit(1));
