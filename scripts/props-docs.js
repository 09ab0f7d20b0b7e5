#!/usr/bin/env node
// docs/gke-unit-props.md from the TSDoc of GkeUnitProps and PeerUnit (lib/gke/gke-unit-props.ts), read with
// the TypeScript compiler API (a devDependency: the published command line never loads it).
//
//   node scripts/props-docs.js [FILE]           exit 1 when FILE (docs/gke-unit-props.md) is out of date
//   node scripts/props-docs.js --write [FILE]   regenerate it
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const SOURCE = 'lib/gke/gke-unit-props.ts';
const TARGET = 'docs/gke-unit-props.md';
const INTERFACES = [
  { name: 'GkeUnitProps', intro: 'The props of `new GkeUnit(scope, id, props)` (`import { GkeUnit } from \'cxunit\'`).' },
  { name: 'PeerUnit', intro: 'An element of `peerUnits`: another unit of the same unit group, reached over VPC peering.' },
];

/** `{ name, type, optional, description, default }` for each property of an interface, in source order. */
function propertiesOf(sourceFile, interfaceName) {
  const declaration = sourceFile.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!declaration) throw new Error(`${SOURCE} has no interface ${interfaceName}`);
  return declaration.members.filter(ts.isPropertySignature).map((member) => {
    const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
    const text = (comment) => (typeof comment === 'string' ? comment : ts.getTextOfJSDocComment(comment) ?? '').replace(/\s*\n\s*/g, ' ').trim();
    const description = docs.map((doc) => text(doc.comment)).filter(Boolean).join(' ');
    const defaultTag = docs.flatMap((doc) => doc.tags ?? []).find((tag) => tag.tagName.text === 'default');
    return {
      name: member.name.getText(sourceFile),
      type: member.type ? member.type.getText(sourceFile) : 'unknown',
      optional: member.questionToken !== undefined,
      description,
      default: defaultTag ? text(defaultTag.comment) : undefined,
    };
  });
}

const cell = (text) => text.replace(/\|/g, '\\|');

/** `@default 100` → `100`; `@default 'pods' - why` → `'pods'` - why; `@default - behaviour` → - behaviour. */
function defaultText(tag) {
  if (tag === undefined) return '';
  if (tag.startsWith('-')) return cell(tag);
  const [value, ...why] = tag.split(' - ');
  return `\`${cell(value)}\`${why.length > 0 ? ` - ${cell(why.join(' - '))}` : ''}`;
}

function render() {
  const file = path.join(ROOT, SOURCE);
  const sourceFile = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const lines = [
    '# GkeUnit props',
    '',
    `Generated from the TSDoc of \`${SOURCE}\` by \`npm run docs\` (a test fails when this file is out of date).`,
    'A default starting with "-" describes a behaviour rather than a value.',
  ];
  for (const { name, intro } of INTERFACES) {
    lines.push('', `## ${name}`, '', intro, '', '| prop | type | required | default | description |', '|---|---|---|---|---|');
    for (const p of propertiesOf(sourceFile, name)) {
      lines.push(`| \`${p.name}\` | \`${cell(p.type)}\` | ${p.optional ? 'no' : 'yes'} | ${p.optional ? defaultText(p.default) : ''} | ${cell(p.description)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const generated = render();
const target = path.resolve(ROOT, process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? TARGET);
const shown = path.relative(ROOT, target);
if (process.argv.includes('--write')) {
  fs.writeFileSync(target, generated);
  process.stdout.write(`wrote ${shown}\n`);
} else if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== generated) {
  process.stderr.write(`out of date: ${shown}: run "npm run docs"\n`);
  process.exitCode = 1;
}
