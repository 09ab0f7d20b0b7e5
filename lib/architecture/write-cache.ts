import { writeCatalogCache } from './catalog';
import { formatDiagnostic, InputError } from '../validation/diagnostic';

// Build step (package.json "build" / "prepare"): cache the validated built-in catalog for fast start-up.
try {
  writeCatalogCache();
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  process.stderr.write(`${error.diagnostics.map(formatDiagnostic).join('\n')}\nthe catalog is invalid: fix it before building\n`);
  process.exitCode = 2;
}
