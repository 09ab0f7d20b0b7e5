#!/usr/bin/env node
// Synthesis cost: wall time and peak memory of synthesizing 1, 4 and 16 units with the compiled app
// (dist/, as `cdktf synth` runs it), against the bare cost of loading cdktf, measured in the same run.
// Every case runs in its own Node process (peak RSS is per process); each is repeated and the median kept.
// Usage: npm run build && node bench/synth.js [repeats]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const REPEATS = Number(process.argv[2] ?? 3);
const REGIONS = [
  'us-west1', 'us-east1', 'us-central1', 'us-east4', 'us-west2', 'us-west3', 'us-west4', 'us-south1',
  'northamerica-northeast1', 'northamerica-northeast2', 'europe-west1', 'europe-west2', 'europe-west3', 'europe-west4', 'asia-east1', 'asia-southeast1',
];

if (!fs.existsSync(path.join(ROOT, 'dist/lib/app.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

/** A valid units.yaml with `count` units: one primary, distinct ranges, SBCs, a third-party pool on even units. */
function unitsYaml(count) {
  const units = Array.from({ length: count }, (_, i) => {
    const region = REGIONS[i];
    return [
      `  - name: u${i}`,
      '    cloud: gke',
      `    role: ${i === 0 ? 'primary' : 'secondary'}`,
      `    project: acme-cx-u${i}`,
      `    region: ${region}`,
      `    zones: [${region}-a, ${region}-b, ${region}-c]`,
      `    subnetCidr: 10.${i * 4}.0.0/20`,
      `    servicesCidr: 10.${i * 4}.16.0/20`,
      `    podsCidr: 10.${i * 4 + 1}.0.0/16`,
      `    sbcSourceRanges: [192.0.${i}.0/24]`,
      ...(i % 2 === 0 ? ['    nodePools:', '      thirdParty: { machineType: n2-highmem-8, localSsdCount: 1 }'] : []),
      // Egress lockdown needs the range redundant-rwx's Filestore instances come from (NFS is opened to it).
      ...(i % 4 === 3 ? ['    egressLockdown: true', `    filestoreReservedCidr: 10.${i * 4 + 2}.0.0/24`] : []),
    ].join('\n');
  });
  return `unitGroup: bench\nunits:\n${units.join('\n')}\n`;
}

const CHILD = {
  // The floor: a Node process that loads cdktf and nothing else.
  cdktf: "require('cdktf');",
  synth: `
    const { buildApp } = require(${JSON.stringify(path.join(ROOT, 'dist/lib/app.js'))});
    buildApp({ unitsFile: process.env.BENCH_UNITS, outdir: process.env.BENCH_OUTDIR }).synth();`,
};

function runCase(kind, env) {
  const script = `${CHILD[kind]}\nprocess.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));`;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${kind} failed (exit ${result.status}):\n${result.stderr}`);
  return { wallMs, maxRssMb: JSON.parse(result.stdout).maxRssKb / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(kind, env = {}) {
  const runs = Array.from({ length: REPEATS }, () => runCase(kind, env));
  return { wallMs: median(runs.map((r) => r.wallMs)), maxRssMb: median(runs.map((r) => r.maxRssMb)) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-bench-'));
try {
  const rows = [['require(\'cdktf\')', measure('cdktf')]];
  for (const count of [1, 4, 16]) {
    const unitsFile = path.join(dir, `units-${count}.yaml`);
    fs.writeFileSync(unitsFile, unitsYaml(count));
    const outdir = path.join(dir, `out-${count}`);
    rows.push([`synth ${count} unit${count === 1 ? '' : 's'}`, measure('synth', { BENCH_UNITS: unitsFile, BENCH_OUTDIR: outdir })]);
    const written = fs.readdirSync(path.join(outdir, 'stacks')).length;
    if (written !== count) throw new Error(`expected ${count} stacks, found ${written}`);
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const [, floor] = rows[0];
  const header = ['case', 'wall ms', '× cdktf', 'peak RSS MB', '× cdktf'];
  const lines = rows.map(([name, m]) => [name, m.wallMs.toFixed(0), (m.wallMs / floor.wallMs).toFixed(1), m.maxRssMb.toFixed(0), (m.maxRssMb / floor.maxRssMb).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, median of ${REPEATS} runs per case, each in a fresh process (wall time includes Node startup)`);
  console.log(format(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const line of lines) console.log(format(line));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
