#!/usr/bin/env node
// Provenance audit: checks the built-in catalog and the rules against the vendor documents they cite.
//
//   npm run audit:sources -- DIR      (DIR: the folder of the documents, e.g. 003_74d96401c83dc4a0.txt)
//
// The documents are not part of the repository, so `npm test` cannot read them; CI runs this where they
// are present. Exit code 0 when every check passes, 1 when one fails, 2 when DIR or the build is missing.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DOCUMENT_003 = '003_74d96401c83dc4a0.txt';

function usage(message) {
  process.stderr.write(`audit-sources: ${message}\nusage: npm run audit:sources -- DIR (the folder holding the vendor documents, e.g. ${DOCUMENT_003})\n`);
  process.exit(2);
}

const dir = process.argv[2];
if (!dir) usage('name the folder of the vendor documents');
if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) usage(`${dir} is not a directory`);
if (!fs.existsSync(path.join(ROOT, 'dist/lib/architecture/catalog.js'))) usage('cxunit is not built: run "npm run build" first');

const { Catalog } = require(path.join(ROOT, 'dist/lib/architecture/catalog.js'));
const { ALL_RULES } = require(path.join(ROOT, 'dist/policies'));

const catalog = Catalog.load();
const documents = new Set(fs.readdirSync(dir));
const text = new Map();
const read = (document) => {
  if (!text.has(document)) text.set(document, fs.readFileSync(path.join(dir, document), 'utf8'));
  return text.get(document);
};
const results = [];
function check(name, problems) {
  results.push({ name, problems });
}

// 1. Every document the catalog and the rules cite is in DIR.
const cited = new Map();
const cite = (document, by) => cited.set(document, [...(cited.get(document) ?? []), by]);
for (const part of ['connections', 'servicePorts', 'storageClasses', 'thirdPartyDependencies', 'serviceGroups', 'priorityClasses', 'servicePriorities', 'nodePools', 'supportedFeatures', 'unsupportedFeatures', 'versions']) {
  for (const entry of catalog[part] ?? []) if (entry.reference) cite(entry.reference.document, `catalog ${part}`);
}
for (const rule of ALL_RULES) cite(rule.reference.document, `rule ${rule.id}`);
check(`the ${cited.size} cited documents are in ${dir}`, [...cited].filter(([document]) => !documents.has(document))
  .map(([document, by]) => `${document} (cited by ${[...new Set(by)].join(', ')}) is missing`));
const present = (document) => documents.has(document);

// 2. Each "Connections table" has as many numbered rows as the catalog has connections from it. The
// numbers are found in order (1, 2, 3 …) at the start of a line after the table's last heading, which
// skips cells that merely start with a number.
const byDocument = new Map();
for (const c of catalog.connections) {
  if (c.reference.table !== 'Connections table') continue;
  byDocument.set(c.reference.document, [...(byDocument.get(c.reference.document) ?? []), c]);
}
for (const [document, connections] of byDocument) {
  if (!present(document)) continue;
  const body = read(document);
  const start = body.lastIndexOf('Connections table');
  let next = 1;
  for (const line of body.slice(start).split('\n')) {
    if (new RegExp(`^${next}(\\s|$)`).test(line.replace(/<[^>]+>/g, '').trim())) next += 1;
  }
  const printed = next - 1;
  const rows = connections.map((c) => c.reference.row);
  const expectedRows = Array.from({ length: printed }, (_, i) => String(i + 1));
  check(`${document}: the catalog has the ${printed} rows of its Connections table`,
    JSON.stringify(rows) === JSON.stringify(expectedRows) ? [] : [`the document numbers ${printed} rows; the catalog has rows ${rows.join(', ')}`]);
}

// 3. 003 "List by service": one catalog entry per printed row, blank rows included.
if (present(DOCUMENT_003)) {
  const body = read(DOCUMENT_003);
  const table = body.slice(body.indexOf('## List by service'), body.indexOf('## List by protocol'));
  const rows = table.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('|--') && !line.startsWith('| Service '));
  check(`${DOCUMENT_003}: the catalog has the ${rows.length} rows of "List by service"`,
    rows.length === catalog.servicePorts.length ? [] : [`the document prints ${rows.length} rows; the catalog has ${catalog.servicePorts.length}`]);
}

// 4. The section a gke, aks or kubernetes rule cites exists: its first part is a heading of the document, the
// later parts (headings or bold labels under it) appear in it. The network rules cite several tables in
// free text, checked by their own tests against the catalog.
const sectionProblems = [];
for (const rule of ALL_RULES.filter((r) => r.pack === 'gke' || r.pack === 'aks' || r.pack === 'kubernetes')) {
  if (!present(rule.reference.document)) continue;
  const body = read(rule.reference.document);
  const headings = body.split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '').replace(/\*\*/g, '').trim());
  const [heading, ...within] = rule.reference.section.split(' > ');
  if (!headings.includes(heading)) sectionProblems.push(`${rule.id}: "${heading}" is not a heading of ${rule.reference.document}`);
  for (const part of within) if (!body.includes(part)) sectionProblems.push(`${rule.id}: "${part}" does not appear in ${rule.reference.document}`);
}
check('the sections the gke, aks and kubernetes rules cite exist', sectionProblems);

let failed = 0;
for (const { name, problems } of results) {
  process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}\n`);
  for (const problem of problems) process.stdout.write(`       ${problem}\n`);
  if (problems.length > 0) failed += 1;
}
process.stdout.write(failed === 0 ? `audit-sources: all ${results.length} checks pass\n` : `audit-sources: ${failed} of ${results.length} checks failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
