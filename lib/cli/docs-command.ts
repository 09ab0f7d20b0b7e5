import * as fs from 'fs';
import * as path from 'path';
import { Catalog } from '../architecture/catalog';
import { DOC_GENERATORS } from '../docs/generate';
import { CliExit, EXIT_FINDINGS, EXIT_OK, writeOutput } from './output';

/** Regenerates the docs, or (without --write) exits 1 listing the ones that are out of date. */
export function docsCommand(dir: string, write: boolean): never {
  const catalog = Catalog.default();
  const stale: string[] = [];
  for (const [name, generate] of DOC_GENERATORS) {
    const file = path.join(dir, name);
    const wanted = `${generate(catalog).trimEnd()}\n`;
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === wanted) continue;
    if (write) writeOutput(wanted, file);
    else stale.push(file);
  }
  if (stale.length > 0) {
    throw new CliExit(EXIT_FINDINGS, `out of date: ${stale.join(', ')}: run "npm run docs"`);
  }
  throw new CliExit(EXIT_OK);
}
