#!/usr/bin/env node
// Policy engine figures (plain Node on the compiled dist/; run "npm run build" first):
//   1. rule-pack time (every rule on every stack) on estates of 1, 10 and 100 synthesized units, against
//      JSON.parse of the same files in the same run, with the ratio;
//   2. `cxunit check` cold start on one unit (median of several runs) against `node -e 0`.
// Prints figures; asserts nothing. Usage: node bench/policy.js [--runs N] [--unit NAME]
// (--unit picks the representative stack of stacks/units.yaml: usw1 (GKE) by default, weu1 for an AKS unit).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const unitArg = process.argv.indexOf('--unit');
const UNIT = unitArg > 0 ? process.argv[unitArg + 1] : 'usw1';
const ESTATES = [1, 10, 100];

if (!fs.existsSync(path.join(DIST, 'bin', 'cli.js'))) {
  process.stderr.write('dist/ is not built: run "npm run build" first\n');
  process.exit(2);
}

const { loadStacks } = require(path.join(DIST, 'lib/policy/inputs'));
const { evaluatePolicies } = require(path.join(DIST, 'lib/policy/engine'));
const { ALL_RULES } = require(path.join(DIST, 'policies'));
const { Catalog } = require(path.join(DIST, 'lib/architecture/catalog'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

/** The representative unit: the app's first stack synthesized for real, or the hand-written network fixture. */
function representativeStack(work) {
  const outdir = path.join(work, 'synth');
  const synth = spawnSync(process.execPath, [path.join(DIST, 'stacks/main.js')], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  const stacksDir = path.join(outdir, 'stacks');
  if (synth.status === 0 && fs.existsSync(stacksDir)) {
    const name = fs.readdirSync(stacksDir).sort().find((n) => n === UNIT) ?? fs.readdirSync(stacksDir).sort()[0];
    return { source: `stacks/units.yaml, unit ${name}, synthesized by dist/stacks/main.js`, file: path.join(stacksDir, name, 'cdk.tf.json') };
  }
  return { source: 'test/fixtures/policy/network/compliant (the app did not synthesize)', file: path.join(ROOT, 'test/fixtures/policy/network/compliant/cdk.tf.json') };
}

/** An estate of n units: copies of the representative stack, each renamed, in a cdktf.out layout. */
function makeEstate(work, template, n) {
  const dir = path.join(work, `estate-${n}`);
  const document = JSON.parse(fs.readFileSync(template, 'utf8'));
  for (let i = 0; i < n; i++) {
    const name = `unit-${String(i).padStart(3, '0')}`;
    document['//'] = { ...document['//'], metadata: { ...(document['//']?.metadata ?? {}), stackName: name } };
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(document, null, 2));
  }
  return dir;
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-bench-policy-'));
  try {
    const representative = representativeStack(work);
    const bytes = fs.statSync(representative.file).size;
    const resources = Object.values(JSON.parse(fs.readFileSync(representative.file, 'utf8')).resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const catalog = time(() => Catalog.default());
    process.stdout.write(`cxunit policy bench: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, ${RUNS} runs per figure (median)\n`);
    process.stdout.write(`representative unit: ${representative.source}: ${resources} resources, ${(bytes / 1024).toFixed(1)} KiB\n`);
    process.stdout.write(`${ALL_RULES.length} rules; catalog load (once per process, not counted below): ${ms(catalog.ms)}\n\n`);

    const header = ['units', 'JSON.parse', 'load (read+parse+checks)', 'rules', 'load+rules', 'rules / JSON.parse', 'per unit'];
    const rows = [];
    for (const n of ESTATES) {
      const estate = makeEstate(work, representative.file, n);
      const files = fs.readdirSync(path.join(estate, 'stacks')).map((name) => path.join(estate, 'stacks', name, 'cdk.tf.json'));
      // warm-up: the first evaluation compiles schemas and JITs the evaluator
      evaluatePolicies(loadStacks([estate]), ALL_RULES);
      const parse = [];
      const load = [];
      const rules = [];
      let findings = 0;
      for (let run = 0; run < RUNS; run++) {
        parse.push(time(() => files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')))).ms);
        const loaded = time(() => loadStacks([estate]));
        load.push(loaded.ms);
        const evaluated = time(() => evaluatePolicies(loaded.result, ALL_RULES));
        rules.push(evaluated.ms);
        findings = evaluated.result.findings.length;
      }
      const [p, l, r] = [median(parse), median(load), median(rules)];
      rows.push([String(n), ms(p), ms(l), ms(r), ms(l + r), `${(r / p).toFixed(1)}x`, ms((l + r) / n)]);
      if (findings > 0) process.stdout.write(`note: the estate of ${n} has ${findings} findings\n`);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n\n`);

    const one = path.join(work, 'estate-1');
    const cli = [];
    const bare = [];
    let status;
    for (let run = 0; run < Math.max(RUNS, 7); run++) {
      cli.push(time(() => {
        status = spawnSync(process.execPath, [path.join(ROOT, 'bin/cxunit.js'), 'check', one], { cwd: ROOT, encoding: 'utf8' }).status;
      }).ms);
      bare.push(time(() => spawnSync(process.execPath, ['-e', '0'])).ms);
    }
    process.stdout.write(`cold start, median of ${cli.length} runs: cxunit check (1 unit, exit ${status}) ${ms(median(cli))}; node -e 0 ${ms(median(bare))}; `
      + `difference ${ms(median(cli) - median(bare))}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
