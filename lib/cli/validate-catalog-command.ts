import { Catalog, loadCatalog } from '../architecture/catalog';
import { formatDiagnostic } from '../validation/diagnostic';
import { CliExit, EXIT_OK, EXIT_USAGE, writeStdout } from './output';

/** The catalog with a directory's overrides, or a usage error listing every problem. */
export function loadCatalogOrExit(overridesDir?: string): Catalog {
  const result = loadCatalog({ overridesDir });
  if (result.diagnostics.length > 0 || !result.catalog) {
    const lines = result.diagnostics.map(formatDiagnostic);
    const count = `${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'} in the catalog`;
    throw new CliExit(EXIT_USAGE, [...lines, count].join('\n'));
  }
  return result.catalog;
}

export function validateCatalogCommand(overridesDir?: string): never {
  const catalog = loadCatalogOrExit(overridesDir);
  const summary = `catalog is valid: ${catalog.connections.length} connections, ${catalog.servicePorts.length} service ports, ` +
    `${catalog.endpoints.length} endpoints, ${catalog.storageClasses.length} storage classes, ${catalog.serviceGroups.length} service groups, ` +
    `${catalog.priorityClasses.length} priority classes`;
  writeStdout(`${summary}\n`);
  throw new CliExit(EXIT_OK);
}
