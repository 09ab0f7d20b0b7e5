import * as fs from 'fs';
import * as path from 'path';
import { Catalog } from '../architecture/catalog';
import { DOC_GENERATORS } from '../docs/generate';
import { unitPage } from '../docs/unit-pages';
import { loadStacks } from '../policy/inputs';
import { CliExit, EXIT_FINDINGS, EXIT_OK, writeOutput } from './output';

/**
 * Regenerates the docs, or (without --write) exits 1 listing the ones that are out of date. With
 * `units`, the per-unit pages docs/units/<unit>.md from the synthesized stacks at that path instead.
 */
export function docsCommand(dir: string, write: boolean, units?: string): never {
  const catalog = Catalog.default();
  const stale: string[] = [];
  const generators: Array<[string, () => string]> = units !== undefined
    ? loadStacks([units]).flatMap((stack) => {
      const page = unitPage(stack, catalog);
      return page ? [[path.join('units', `${stack.boundaries!.unit}.md`), () => page] as [string, () => string]] : [];
    })
    : [...DOC_GENERATORS].map(([name, generate]) => [name, () => generate(catalog)]);
  for (const [name, generate] of generators) {
    const file = path.join(dir, name);
    const wanted = `${generate().trimEnd()}\n`;
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === wanted) continue;
    if (write) writeOutput(wanted, file);
    else stale.push(file);
  }
  if (stale.length > 0) {
    throw new CliExit(EXIT_FINDINGS, `out of date: ${stale.join(', ')}: run "npm run ${units !== undefined ? 'docs:units' : 'docs'}"`);
  }
  throw new CliExit(EXIT_OK);
}
