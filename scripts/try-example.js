#!/usr/bin/env node
// Tries cxunit the way a platform team gets it: packs it, installs the tarball into a copy of
// examples/platform-repo (its other dependencies from the npm registry), then type-checks with plain tsc,
// synthesizes with node, runs the example's Jest suite (plain Jest) and `cxunit check` (SARIF), and proves
// that a violation added through an escape hatch fails synthesis. Then the same app with cxunit installed
// from this checkout (`npm install <repo>`), where a violation must fail synthesis too.
//
//   npm run try-example            (CXUNIT_KEEP_EXAMPLE=1 keeps the temporary directory)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'platform-repo');
const VERSION = require(path.join(ROOT, 'package.json')).version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-example-'));
// The code cache that an installed cxunit writes for its user (bin/cxunit.js userCodeCache): here, and removed with it.
process.env.CXUNIT_CACHE_DIR = path.join(work, 'user-code-cache');
const figures = [];

function fail(message, result) {
  process.stderr.write(`\ntry-example: FAILED: ${message}\n`);
  if (result) process.stderr.write(`--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}\n`);
  process.stderr.write(`(the copies are kept in ${work})\n`);
  process.exit(1);
}

/** Runs a command; returns its result. `expect: 'success' | 'failure'`. */
function run(title, command, args, { cwd, expect = 'success', env = {} } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = expect === 'success' ? result.status === 0 : result.status !== 0 && result.status !== null;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${title} (${seconds} s)\n`);
  if (!ok) fail(`${title}: expected ${expect}, exit code ${result.status}`, result);
  return result;
}

function copyExample(target) {
  fs.cpSync(EXAMPLE, target, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist|cdktf\.out|reports)([\\/]|$)/.test(path.relative(EXAMPLE, source)) && !source.endsWith('.tgz'),
  });
}

function setCxunitDependency(app, spec) {
  const file = path.join(app, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  pkg.dependencies.cxunit = spec;
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** The example's main.ts with the violation a user could add through the unit's escape hatch. */
function addAutopilotViolation(app) {
  const file = path.join(app, 'main.ts');
  const source = fs.readFileSync(file, 'utf8');
  const marker = "new Euw4Stack(app, 'euw4');";
  if (!source.includes(marker)) fail(`examples/platform-repo/main.ts no longer contains ${marker}: update scripts/try-example.js`);
  fs.writeFileSync(file, source.replace(marker, "new Euw4Stack(app, 'euw4').unit.cluster.addOverride('enable_autopilot', true);"));
}

function directorySizeMb(dir) {
  let bytes = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) bytes += fs.statSync(p).size;
    }
  };
  walk(dir);
  return bytes / 1024 / 1024;
}

/**
 * Median CPU time (user + system) of 5 runs of `node ARGS`, in ms, read by the process itself at exit: on a
 * shared machine wall time mostly measures the neighbours.
 */
function medianCpuMs(args, cwd, env = {}) {
  const preload = path.join(work, 'cpu-at-exit.js');
  fs.writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\ncpu-ms ${(u.user + u.system) / 1000}\\n`); });\n");
  const times = [];
  for (let i = 0; i < 5; i++) {
    const result = spawnSync(process.execPath, ['-r', preload, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
    times.push(Number(/cpu-ms ([\d.]+)/.exec(result.stderr)?.[1]));
  }
  return times.sort((a, b) => a - b)[2];
}

/**
 * What bin/cxunit.js says of its start-up with CXUNIT_DEBUG_STARTUP=1: the bundle or the compiled modules, and
 * which code cache served it (the build's serves only the build in place; a tarball install starts from the one
 * its first run wrote for the user, on Node 20, or from Node's own compile cache).
 */
function startupLine(cwd, args = ['--version']) {
  const result = spawnSync('npx', ['cxunit', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CXUNIT_DEBUG_STARTUP: '1' } });
  const line = /^cxunit startup: (.*)$/m.exec(result.stderr);
  if (result.status !== 0 || !line) fail(`npx cxunit ${args.join(' ')} with CXUNIT_DEBUG_STARTUP=1 printed no start-up line`, result);
  return line[1];
}

// ---------------------------------------------------------------------------------------------------
// 1. The tarball, as `npm publish` would upload it.
run('npm run build', 'npm', ['run', 'build'], { cwd: ROOT });
const packed = run('npm pack', 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
const [pack] = JSON.parse(packed.stdout);
const tarball = path.join(work, pack.filename);
const shipped = pack.files.map((f) => f.path);
const unwanted = shipped.filter((f) => /^(test|bench|examples|\.ci|scripts)\/|\.test\.|fixtures/.test(f));
if (unwanted.length > 0) fail(`the tarball ships files it should not: ${unwanted.join(', ')}`);
if (!shipped.includes('dist/lib/index.d.ts') || !shipped.includes('dist/lib/architecture/catalog.cache.json')) fail('the tarball lacks the type declarations or the catalog cache');
figures.push(`tarball: ${(pack.size / 1024).toFixed(0)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked, ${pack.entryCount} files`);

// 2. The example with the tarball.
const app = path.join(work, 'platform-repo');
copyExample(app);
setCxunitDependency(app, `file:${tarball}`);
run('npm install (cxunit from the tarball, the rest from the registry)', 'npm', ['install', '--no-audit', '--no-fund'], { cwd: app });
figures.push(`install: node_modules ${directorySizeMb(path.join(app, 'node_modules')).toFixed(0)} MB (cxunit itself ${directorySizeMb(path.join(app, 'node_modules', 'cxunit')).toFixed(1)} MB)`);

run('require("cxunit").GkeUnit and require("cxunit/testing").policySuite exist', process.execPath, ['-e', `
  const assert = require('assert');
  assert.strictEqual(typeof require('cxunit').GkeUnit, 'function');
  assert.strictEqual(typeof require('cxunit/testing').policySuite, 'function');
  assert.strictEqual(typeof require('cxunit/policy').evaluatePolicies, 'function');
  assert.strictEqual(typeof require('cxunit/catalog').Catalog.default, 'function');
  assert.throws(() => require('cxunit/lib/gke/gke-unit'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  // the installed copy uses the catalog validated at build time
  const { readCatalogCache } = require(require('path').join(require.resolve('cxunit/package.json'), '../dist/lib/architecture/catalog.js'));
  assert.ok(readCatalogCache(), 'the installed catalog cache is missing or stale');
`], { cwd: app });
run('tsc (plain, skipLibCheck off: type-checks main.ts, the matcher typings and cxunit\'s declarations without the Azure provider)', 'npx', ['tsc'], { cwd: app });
// Node 16+ resolution reads the exports map's "types" (the tsconfig above resolves like Node 10, through
// typesVersions); the matchers' typings come with cxunit/testing/matchers alone.
fs.writeFileSync(path.join(app, 'matchers-only.ts'), [
  "import type { StackInput } from 'cxunit/policy';",
  "import 'cxunit/testing/matchers';",
  "export function check(stack: StackInput): void { expect(stack).toPassPolicy('gke.no-autopilot'); }",
  '',
].join('\n'));
run('tsc --moduleResolution node16 (exports map types; cxunit/testing/matchers typings)', 'npx',
  ['tsc', '--noEmit', '--strict', '--types', 'jest', '--module', 'node16', '--moduleResolution', 'node16', 'main.ts', 'matchers-only.ts'], { cwd: app });
fs.rmSync(path.join(app, 'matchers-only.ts'));
run('node dist/main.js synthesizes the compliant unit', process.execPath, ['dist/main.js'], { cwd: app });
if (!fs.existsSync(path.join(app, 'cdktf.out', 'stacks', 'euw4', 'cdk.tf.json'))) fail('synthesis wrote no cdktf.out/stacks/euw4/cdk.tf.json');
run('jest (plain, no transform settings): policySuite and the matchers', 'npx', ['jest', '--ci'], { cwd: app });

fs.mkdirSync(path.join(app, 'reports'));
run('npx cxunit check --format sarif', 'npx', ['cxunit', 'check', 'cdktf.out', '--format', 'sarif', '--output', 'reports/cxunit.sarif'], { cwd: app });
const sarif = JSON.parse(fs.readFileSync(path.join(app, 'reports', 'cxunit.sarif'), 'utf8'));
if (sarif.runs?.[0]?.tool?.driver?.name !== 'cxunit') fail('reports/cxunit.sarif is not a SARIF log from cxunit');
{
  // The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (see test/policy/sarif-schema.ts).
  const Ajv = require('ajv-draft-04');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  require('ajv-formats')(ajv);
  const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
  if (!validate(sarif)) fail(`reports/cxunit.sarif does not validate: ${validate.errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  process.stdout.write('ok   reports/cxunit.sarif validates against the SARIF 2.1.0 schema\n');
}
run('npx cxunit check --format junit', 'npx', ['cxunit', 'check', 'cdktf.out', '--format', 'junit', '--output', 'reports/cxunit.xml'], { cwd: app });

const version = spawnSync('npx', ['cxunit', '--version'], { cwd: app, encoding: 'utf8' });
if (version.status === 0 && version.stdout.trim() === VERSION) process.stdout.write(`ok   npx cxunit --version prints ${VERSION}\n`);
else if (/unknown option '--version'/.test(version.stderr)) process.stdout.write('SKIP npx cxunit --version: this cxunit has no --version yet (issue 7, item 7)\n');
else fail(`npx cxunit --version printed "${version.stdout.trim()}", expected ${VERSION}`, version);

fs.rmSync(process.env.CXUNIT_CACHE_DIR, { recursive: true, force: true });
// The first check writes the user's code cache (other commands do not: it holds what its run compiled).
figures.push(`start-up of the installed tarball, first check: ${startupLine(app, ['check', 'cdktf.out', '--output', 'reports/startup.txt'])}`);
figures.push(`start-up of the installed tarball, the runs after it: ${startupLine(app)}`);
const installedCli = [path.join('node_modules', 'cxunit', 'bin', 'cxunit.js'), 'check', 'cdktf.out'];
const coldCheck = medianCpuMs(installedCli, app, { CXUNIT_CODE_CACHE: 'off' });
const cachedCheck = medianCpuMs(installedCli, app);
const bareNode = medianCpuMs(['-e', '0'], app);
const ratio = (ms) => `ratio ${(ms / bareNode).toFixed(1)}`;
figures.push(`start (CPU time, medians of 5): cxunit check cdktf.out ${cachedCheck.toFixed(0)} ms from your code cache (${ratio(cachedCheck)}), `
  + `${coldCheck.toFixed(0)} ms without it (${ratio(coldCheck)}); node -e 0 ${bareNode.toFixed(0)} ms`);

addAutopilotViolation(app);
run('tsc with unit.cluster.addOverride("enable_autopilot", true)', 'npx', ['tsc'], { cwd: app });
const violation = run('node dist/main.js fails on the violation', process.execPath, ['dist/main.js'], { cwd: app, expect: 'failure' });
if (!violation.stderr.includes('[gke.no-autopilot]')) fail('synthesis failed without naming gke.no-autopilot', violation);

// 3. The same app with cxunit installed from this checkout: two copies of cdktf are loaded.
const linked = path.join(work, 'platform-repo-from-checkout');
copyExample(linked);
setCxunitDependency(linked, `file:${ROOT}`);
run('npm install (cxunit from the checkout)', 'npm', ['install', '--no-audit', '--no-fund'], { cwd: linked });
figures.push(`start-up of the checkout install: ${startupLine(linked)}`);
addAutopilotViolation(linked);
run('tsc (checkout install)', 'npx', ['tsc'], { cwd: linked });
const fromCheckout = run('node dist/main.js fails on the violation (checkout install)', process.execPath, ['dist/main.js'], { cwd: linked, expect: 'failure' });
if (!/\[gke\.no-autopilot\]|two copies of cdktf are loaded/.test(fromCheckout.stderr)) fail('synthesis from a checkout install failed for another reason', fromCheckout);
process.stdout.write(`     (${fromCheckout.stderr.includes('two copies of cdktf') ? 'the duplicate-cdktf error' : 'enforced: gke.no-autopilot'})\n`);

for (const figure of figures) process.stdout.write(`     ${figure}\n`);
if (process.env.CXUNIT_KEEP_EXAMPLE) process.stdout.write(`try-example: kept ${work}\n`);
else fs.rmSync(work, { recursive: true, force: true });
process.stdout.write('try-example: the example platform repo works with the packed cxunit\n');
