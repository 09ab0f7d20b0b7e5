import { loadCatalog } from '../architecture/catalog';
import { formatDiagnostic } from '../validation/diagnostic';
import { CliExit, EXIT_OK, EXIT_USAGE } from './output';

export function validateCatalogCommand(overridesDir?: string): never {
  const result = loadCatalog({ overridesDir });
  if (result.diagnostics.length > 0) {
    const lines = result.diagnostics.map(formatDiagnostic);
    const count = `${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'} in the catalog`;
    throw new CliExit(EXIT_USAGE, [...lines, count].join('\n'));
  }
  const catalog = result.catalog!;
  const summary = `catalog is valid: ${catalog.connections.length} connections, ${catalog.servicePorts.length} service ports, ` +
    `${catalog.endpoints.length} endpoints, ${catalog.storageClasses.length} storage classes, ${catalog.serviceGroups.length} service groups, ` +
    `${catalog.priorityClasses.length} priority classes`;
  process.stdout.write(`${summary}\n`);
  throw new CliExit(EXIT_OK);
}
