import type { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import resourceSuppressionsSchema from './schemas/resource-suppressions.schema.json';
import suppressionsFileSchema from './schemas/suppressions.schema.json';
import unitMetadataSchema from './schemas/unit-metadata.schema.json';

/**
 * Validators for what `cxunit check` reads besides the rules: from Terraform JSON (cxunit unit metadata,
 * resource suppressions), and the suppressions file (cxunit-suppressions.yaml, through validateYaml). The
 * build compiles them with ajv's standalone code generation (write-validators.ts) into
 * `input-validators.generated.js` beside this file, so that `cxunit check` neither loads ajv (about 70
 * modules) nor compiles schemas at start-up (a suppressions file cost about 110 ms: bench/policy.js). Without
 * the generated file (tests run from the TypeScript sources) the schemas are compiled on first use, with the
 * same options.
 */

export const INPUT_SCHEMAS: Readonly<Record<string, object>> = {
  unitMetadata: unitMetadataSchema,
  resourceSuppressions: resourceSuppressionsSchema,
  suppressionsFile: suppressionsFileSchema,
};

export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true } as const;

export const GENERATED_FILE = 'input-validators.generated.js';

let validators: Record<string, ValidateFunction> | undefined;

export function inputValidator(name: keyof typeof INPUT_SCHEMAS): ValidateFunction {
  validators ??= loadValidators();
  return validators[name];
}

function loadValidators(): Record<string, ValidateFunction> {
  // The build's output, or ajv only when it is missing. Named literally so that the CLI's bundle includes it (and
  // its V8 code cache with it); GENERATED_FILE is the same name, for the build step that writes it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (fs.existsSync(path.join(__dirname, GENERATED_FILE))) return require('./input-validators.generated.js') as Record<string, ValidateFunction>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const ajv = new Ajv(AJV_OPTIONS);
  return Object.fromEntries(Object.entries(INPUT_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]));
}
