import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from '../helpers/cli';

/** The official SARIF 2.1.0 schema (JSON Schema draft-04), beside the project. */
export const SARIF_SCHEMA_FILE = path.join(ROOT, '../shared/schemas/sarif-schema-2.1.0.json');

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates a SARIF log against the schema; returns the errors, empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
