#!/usr/bin/env node
// Policy engine figures, whole process against whole process in the same run (plain Node on the compiled
// dist/; run "npm run build" first). Each figure is the median of several runs of a fresh `node` process, cxunit
// and its baseline run in turn:
//   1. a 100-unit estate: `cxunit check cdktf.out` against a process that reads and JSON.parses the same files;
//   2. one unit: `cxunit check <unit>` against `node -e 0`;
//   3. a 10 MB plan: `cxunit check plan.json` against a process that reads and JSON.parses it.
// Prints the figures and the ratios against the targets (3x, 2x, 5x); asserts nothing.
// Usage: node bench/policy.js [--runs N] [--profile DIR] [--unit NAME] [--breakdown] (--profile writes a --cpu-prof of each
// cxunit run; --unit picks the representative stack of stacks/units.yaml: usw1 (GKE) by default, weu1 for an AKS unit;
// --breakdown times the estate again with fewer rules, to show what loading and each pack cost)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(ROOT, 'bin', 'cxunit.js');
const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const RUNS = Number(argument('--runs') ?? 7);
const PROFILE = argument('--profile');
const UNIT = argument('--unit') ?? 'usw1';
const BREAKDOWN = process.argv.includes('--breakdown');

if (!fs.existsSync(path.join(DIST, 'bin', 'cli.js'))) {
  process.stderr.write('dist/ is not built: run "npm run build" first\n');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

/** Wall time of one fresh node process, failing loudly when it does not exit as expected. */
function timeOnce(args, expectStatus, cwd = ROOT) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const elapsed = performance.now() - start;
  if (!expectStatus.includes(result.status)) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return elapsed;
}

/** Wall time of a fresh node process (median of RUNS). */
function processTime(args, expectStatus = [0, 1]) {
  return median(Array.from({ length: RUNS }, () => timeOnce(args, expectStatus)));
}

/**
 * The medians of RUNS runs of cxunit and of its baseline, run in turn (cxunit, baseline, cxunit, ...): a
 * machine that slows down or speeds up during the bench then moves both alike, not the ratio.
 */
function pairedTimes(args, baselineArgs) {
  const subject = [];
  const baseline = [];
  for (let run = 0; run < RUNS; run++) {
    subject.push(timeOnce(args, [0, 1]));
    baseline.push(timeOnce(baselineArgs, [0]));
  }
  return [median(subject), median(baseline)];
}

/** A script that reads and parses every file: the floor any checker of these files pays. */
function parseScript(files) {
  return `const fs=require('fs');for(const f of ${JSON.stringify(files)})JSON.parse(fs.readFileSync(f,'utf8'));`;
}

/** The representative unit: the app's first stack synthesized for real, or the hand-written network fixture. */
function representativeStack(work) {
  const outdir = path.join(work, 'synth');
  const synth = spawnSync(process.execPath, [path.join(DIST, 'stacks/main.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: outdir } });
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
  const files = [];
  for (let i = 0; i < n; i++) {
    const name = `unit-${String(i).padStart(3, '0')}`;
    document['//'] = { ...document['//'], metadata: { ...(document['//']?.metadata ?? {}), stackName: name } };
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    const file = path.join(dir, 'stacks', name, 'cdk.tf.json');
    fs.writeFileSync(file, JSON.stringify(document, null, 2));
    files.push(file);
  }
  return { dir, files };
}

/**
 * A plan of about 10 MB shaped like a platform project's: the real-world GKE plan fixture (cluster and pools in
 * child modules) plus firewall rules and thousands of unrelated resources (buckets, IAM members, DNS records),
 * each in planned_values, resource_changes and configuration as `terraform show -json` writes them.
 */
function makeLargePlan(work) {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/real-world/gke-plan/plan.json'), 'utf8'));
  const root = plan.planned_values.root_module;
  const add = (type, name, values, unknown) => {
    const address = `${type}.${name}`;
    root.resources.push({ address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/google', schema_version: 0, values, sensitive_values: {} });
    plan.resource_changes.push({ address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/google', change: { actions: ['create'], before: null, after: values, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } });
    plan.configuration.root_module.resources.push({ address, mode: 'managed', type, name, provider_config_key: 'google', expressions: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }])), schema_version: 0 });
  };
  for (let i = 0; i < 40; i++) {
    add('google_compute_firewall', `partner_${i}`, {
      name: `partner-${i}`, network: 'projects/acme-units/global/networks/units', direction: 'INGRESS', priority: 1000 + i,
      source_ranges: [`198.51.${i}.0/24`], target_tags: ['usw1-general'], allow: [{ protocol: 'tcp', ports: [String(8000 + i)] }], deny: [], disabled: false,
    }, { id: true, self_link: true, creation_timestamp: true });
  }
  let i = 0;
  while (JSON.stringify(plan).length < 10 * 1024 * 1024) {
    add('google_storage_bucket', `data_${i}`, { name: `acme-data-${i}`, location: 'US-WEST1', storage_class: 'STANDARD', uniform_bucket_level_access: true, labels: { team: 'platform', index: String(i) }, versioning: [{ enabled: true }], lifecycle_rule: [{ action: [{ type: 'Delete', storage_class: '' }], condition: [{ age: 30, with_state: 'ANY' }] }] }, { id: true, self_link: true, url: true, effective_labels: true });
    add('google_storage_bucket_iam_member', `reader_${i}`, { bucket: `acme-data-${i}`, role: 'roles/storage.objectViewer', member: `serviceAccount:reader-${i}@acme.iam.gserviceaccount.com`, condition: [] }, { id: true, etag: true });
    add('google_dns_record_set', `svc_${i}`, { name: `svc-${i}.units.acme.example.`, managed_zone: 'units', type: 'A', ttl: 300, rrdatas: [`10.20.${i % 250}.${i % 200}`] }, { id: true, project: true });
    i++;
  }
  const file = path.join(work, 'large-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return { file, resources: plan.resource_changes.length };
}

function row(label, subject, baseline, target) {
  const ratio = subject / baseline;
  return `${label.padEnd(34)} ${ms(subject).padStart(10)} ${ms(baseline).padStart(10)} ${`${ratio.toFixed(2)}x`.padStart(7)}  (target <= ${target}x${ratio <= target ? '' : ', MISSED'})`;
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-bench-policy-'));
  try {
    const representative = representativeStack(work);
    const bytes = fs.statSync(representative.file).size;
    process.stdout.write(`cxunit policy bench: node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}, median of ${RUNS} process runs per figure\n`);
    process.stdout.write(`representative unit: ${representative.source}, ${(bytes / 1024).toFixed(1)} KiB\n`);
    const estate = makeEstate(work, representative.file, 100);
    const one = makeEstate(work, representative.file, 1);
    const plan = makeLargePlan(work);
    process.stdout.write(`large plan: ${plan.resources} resource changes, ${(fs.statSync(plan.file).size / 1048576).toFixed(1)} MiB\n\n`);
    const profile = (name) => (PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(PROFILE), '--cpu-prof-name', `${name}.cpuprofile`] : []);
    const check = (name, target) => [...profile(name), CLI, 'check', target, '--format', 'json', '--output', path.join(work, `${name}.report.json`)];

    process.stdout.write(`${'figure'.padEnd(34)} ${'cxunit'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}\n`);
    const [estateTime, estateParse] = pairedTimes(check('estate-100', estate.dir), ['-e', parseScript(estate.files)]);
    process.stdout.write(`${row('100-unit estate vs JSON.parse', estateTime, estateParse, 3)}\n`);
    const [oneTime, bare] = pairedTimes(check('one-unit', one.dir), ['-e', '0']);
    process.stdout.write(`${row('one unit vs node -e 0', oneTime, bare, 2)}\n`);
    const [planTime, planParse] = pairedTimes(check('large-plan', plan.file), ['-e', parseScript([plan.file])]);
    process.stdout.write(`${row('10 MB plan vs JSON.parse', planTime, planParse, 5)}\n`);
    if (BREAKDOWN) {
      // Where the estate's time goes, by what the check runs: loading with one trivial rule, then the rules added pack by pack.
      process.stdout.write(`\nthe 100-unit estate by rules run (whole process, median of ${RUNS}):\n`);
      const steps = [
        ['one trivial rule (start-up, loading)', ['--rules', 'gke.no-autopilot']],
        ['every rule but the network pack', ['--skip-rules', 'network.*']],
        ['every rule but network.exact-ports', ['--skip-rules', 'network.exact-ports']],
        ['every rule', []],
      ];
      for (const [label, selection] of steps) process.stdout.write(`  ${label.padEnd(40)} ${ms(processTime([...check('estate-100', estate.dir), ...selection])).padStart(10)}\n`);
    }
    if (PROFILE) process.stdout.write(`\nCPU profiles in ${PROFILE} (open in Chrome DevTools > Performance, or summarize with node bench/profile-summary.js)\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
