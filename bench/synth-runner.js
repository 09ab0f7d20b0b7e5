#!/usr/bin/env node
// How cdktf.json should run the app: compile first (tsc, then node on dist/) or transpile at run time
// (tsx). Both must synthesize from the current sources; neither may type-check the providers at synth.
// Prints the median wall time of each way over N runs, as a ratio to `node -e "require('cdktf')"`
// measured in the same run (these machines are noisy: compare ratios, not milliseconds).
//   node bench/synth-runner.js [runs]
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-synth-runner-'));
const env = { ...process.env, CDKTF_OUTDIR: outdir };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function time(command, args, before) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    if (before) before();
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    samples.push(ms);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const tsc = [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'];
const cases = [
  ['node -e require("cdktf") (baseline)', () => time(process.execPath, ['-e', 'require("cdktf")'])],
  ['full tsc build (fresh clone, npm install)', () => time(process.execPath, tsc, () => fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true }))],
  ['incremental tsc, nothing changed', () => time(process.execPath, tsc)],
  ['node dist/stacks/main.js (built, may be stale)', () => time(process.execPath, ['dist/stacks/main.js'])],
  ['tsc + node dist/stacks/main.js (current)', () => time('sh', ['-c', `"${process.execPath}" ${tsc.join(' ')} && "${process.execPath}" dist/stacks/main.js`])],
  ['tsx stacks/main.ts (current, transpile-only)', () => time(bin('tsx'), ['stacks/main.ts'])],
];

const results = cases.map(([name, measure]) => [name, measure()]);
const baseline = results[0][1];
console.log(`median of ${runs} runs; ratio to the baseline measured in this run`);
console.log('| way | ms | × baseline |\n|---|--:|--:|');
for (const [name, ms] of results) console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms / baseline).toFixed(1)} |`);
fs.rmSync(outdir, { recursive: true, force: true });
