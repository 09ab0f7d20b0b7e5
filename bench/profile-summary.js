#!/usr/bin/env node
// Summarizes V8 CPU profiles (.cpuprofile, as `node --cpu-prof` or `node bench/policy.js --profile DIR` writes
// them): the functions with the most self time (spent in the function's own code) and inclusive time (in it or
// anything it called, counted once per sample however deep the recursion), then self time by file. Several
// profiles of the same command are averaged, which smooths the noise of a shared machine.
// Functions in a bundle (dist/bin/cxunit.bundle.js) are also named by the module they come from: esbuild starts
// each module with a `// dist/lib/...js` comment line.
// Usage: node bench/profile-summary.js FILE.cpuprofile... [--top N]
'use strict';
const fs = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const TOP = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
if (args.length === 0 || !Number.isInteger(TOP) || TOP <= 0) {
  process.stderr.write('usage: node bench/profile-summary.js FILE.cpuprofile... [--top N]\n');
  process.exit(2);
}

/** The module of each line of a bundled file, from esbuild's `// path` comments (empty for other files). */
const bundleModules = new Map();
function moduleAt(file, line) {
  if (!bundleModules.has(file)) {
    const starts = [];
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // a file that is gone or not on disk (node:internal/...): no module names
    }
    text.split('\n').forEach((source, index) => {
      const match = /^\/\/ ((?:dist|node_modules)\/\S+\.js)$/.exec(source);
      if (match) starts.push({ line: index, module: match[1] });
    });
    bundleModules.set(file, starts);
  }
  let found;
  for (const start of bundleModules.get(file)) {
    if (start.line > line) break;
    found = start.module;
  }
  return found;
}

function fileOf(url) {
  if (!url) return '(native)';
  return url.startsWith('file://') ? fileURLToPath(url) : url;
}

function displayFile(file) {
  return path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
}

/** Self and inclusive milliseconds by function (`name file:line`) and self milliseconds by file, for one profile. */
function summarize(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // The time between a sample and the next one is spent where the sample was taken.
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const next = profile.timeDeltas[i + 1] ?? 0;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + next / 1000);
  }

  const keyOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = fileOf(url);
    const module = url ? moduleAt(file, lineNumber) : undefined;
    const where = url ? `${displayFile(file)}:${lineNumber + 1}${module ? ` (${module})` : ''}` : '';
    return { fn: `${functionName || '(anonymous)'} ${where}`.trim(), file: module ? `${displayFile(file)} (${module})` : displayFile(file) };
  };

  const self = new Map();
  const inclusive = new Map();
  const byFile = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const [id, ms] of selfMs) {
    const { fn, file } = keyOf(nodes.get(id));
    add(self, fn, ms);
    add(byFile, file, ms);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const key = keyOf(nodes.get(at)).fn;
      if (!seen.has(key)) add(inclusive, key, ms);
      seen.add(key);
    }
  }
  return { self, inclusive, byFile, totalMs: (profile.endTime - profile.startTime) / 1000 };
}

function table(title, entries, count) {
  const lines = [title];
  const sorted = [...entries].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  for (const [key, ms] of sorted) lines.push(`${(ms / count).toFixed(1).padStart(8)} ms  ${key}`);
  return lines.join('\n');
}

const totals = { self: new Map(), inclusive: new Map(), byFile: new Map(), totalMs: 0 };
for (const file of args) {
  const summary = summarize(JSON.parse(fs.readFileSync(file, 'utf8')));
  for (const part of ['self', 'inclusive', 'byFile']) {
    for (const [key, ms] of summary[part]) totals[part].set(key, (totals[part].get(key) ?? 0) + ms);
  }
  totals.totalMs += summary.totalMs;
}
const count = args.length;
process.stdout.write(`${count} profile${count === 1 ? '' : 's'}, ${(totals.totalMs / count).toFixed(1)} ms profiled${count === 1 ? '' : ' on average'}\n\n`);
process.stdout.write(`${table('self time by function', totals.self, count)}\n\n`);
process.stdout.write(`${table('inclusive time by function', totals.inclusive, count)}\n\n`);
process.stdout.write(`${table('self time by file', totals.byFile, count)}\n`);
