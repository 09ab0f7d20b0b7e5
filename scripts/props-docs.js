#!/usr/bin/env node
// docs/gke-unit-props.md and docs/aks-unit-props.md from the TSDoc of the units' props (GkeUnitProps and
// PeerUnit in lib/gke/gke-unit-props.ts, AksUnitProps and AksPeerUnit in lib/aks/aks-unit-props.ts), read
// with the TypeScript compiler API (a devDependency: the published command line never loads it). Props an
// interface takes from another with `Pick<Other, 'a' | 'b'>` are documented from that interface.
//
//   node scripts/props-docs.js [FILE]           exit 1 when a reference (or FILE, a copy of one) is out of date
//   node scripts/props-docs.js --write [FILE]   regenerate them (or FILE)
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const DOCUMENTS = [
  {
    title: 'GkeUnit props', source: 'lib/gke/gke-unit-props.ts', target: 'docs/gke-unit-props.md',
    interfaces: [
      { name: 'GkeUnitProps', intro: 'The props of `new GkeUnit(scope, id, props)` (`import { GkeUnit } from \'cxunit\'`).' },
      { name: 'PeerUnit', intro: 'An element of `peerUnits`: another unit of the same unit group, reached over VPC peering.' },
    ],
  },
  {
    title: 'AksUnit props', source: 'lib/aks/aks-unit-props.ts', target: 'docs/aks-unit-props.md',
    interfaces: [
      { name: 'AksUnitProps', intro: 'The props of `new AksUnit(scope, id, props)` (`import { AksUnit } from \'cxunit/aks\'`). Props described "As on GkeUnit" mean the same on both clouds.' },
      { name: 'AksPeerUnit', intro: 'An element of `peerUnits`: another AKS unit of the same unit group, reached over VNet peering.' },
    ],
  },
];
/** Where a picked interface is declared: its name's source file. */
const SOURCES_OF = { GkeUnitProps: 'lib/gke/gke-unit-props.ts', PeerUnit: 'lib/gke/gke-unit-props.ts' };

function parse(source) {
  const file = path.join(ROOT, source);
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** `{ name, type, optional, description, default }` for each property of an interface, in source order. */
function propertiesOf(sourceFile, interfaceName) {
  const declaration = sourceFile.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!declaration) throw new Error(`${sourceFile.fileName} has no interface ${interfaceName}`);
  return [...declaration.members.filter(ts.isPropertySignature).map((member) => describe(sourceFile, member)), ...pickedProperties(sourceFile, declaration)];
}

/** The properties an interface takes by extending a `type X = Pick<Other, 'a' | 'b'>` alias. */
function pickedProperties(sourceFile, declaration) {
  const picked = [];
  for (const clause of declaration.heritageClauses ?? []) {
    for (const base of clause.types) {
      const alias = sourceFile.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === base.expression.getText(sourceFile));
      const pick = alias?.type;
      if (!pick || !ts.isTypeReferenceNode(pick) || pick.typeName.getText(sourceFile) !== 'Pick') continue;
      const [from, keys] = pick.typeArguments;
      const fromName = from.getText(sourceFile);
      const names = (ts.isUnionTypeNode(keys) ? keys.types : [keys]).map((k) => k.getText(sourceFile).replace(/'/g, ''));
      const fromProperties = propertiesOf(parse(SOURCES_OF[fromName]), fromName);
      for (const name of names) {
        const property = fromProperties.find((p) => p.name === name);
        if (property) picked.push({ ...property, description: `As on ${fromName.replace(/Props$/, '')}: ${property.description}` });
      }
    }
  }
  return picked;
}

function describe(sourceFile, member) {
  {
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
  }
}

const cell = (text) => text.replace(/\|/g, '\\|');

/** `@default 100` → `100`; `@default 'pods' - why` → `'pods'` - why; `@default - behaviour` → - behaviour. */
function defaultText(tag) {
  if (tag === undefined) return '';
  if (tag.startsWith('-')) return cell(tag);
  const [value, ...why] = tag.split(' - ');
  return `\`${cell(value)}\`${why.length > 0 ? ` - ${cell(why.join(' - '))}` : ''}`;
}

function render(document) {
  const sourceFile = parse(document.source);
  const lines = [
    `# ${document.title}`,
    '',
    `Generated from the TSDoc of \`${document.source}\` by \`npm run docs\` (a test fails when this file is out of date).`,
    'A default starting with "-" describes a behaviour rather than a value.',
  ];
  for (const { name, intro } of document.interfaces) {
    lines.push('', `## ${name}`, '', intro, '', '| prop | type | required | default | description |', '|---|---|---|---|---|');
    for (const p of propertiesOf(sourceFile, name)) {
      lines.push(`| \`${p.name}\` | \`${cell(p.type)}\` | ${p.optional ? 'no' : 'yes'} | ${p.optional ? defaultText(p.default) : ''} | ${cell(p.description)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// A FILE argument stands for the reference of the same base name (a copy elsewhere, e.g. in a test).
const given = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const documents = given === undefined ? DOCUMENTS : DOCUMENTS.filter((d) => path.basename(d.target) === path.basename(given));
for (const document of documents) {
  const generated = render(document);
  const target = path.resolve(ROOT, given ?? document.target);
  const shown = path.relative(ROOT, target);
  if (process.argv.includes('--write')) {
    fs.writeFileSync(target, generated);
    process.stdout.write(`wrote ${shown}\n`);
  } else if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== generated) {
    process.stderr.write(`out of date: ${shown}: run "npm run docs"\n`);
    process.exitCode = 1;
  }
}
