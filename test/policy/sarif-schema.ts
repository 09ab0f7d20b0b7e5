import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
// The SARIF 2.1.0 schema (JSON Schema draft-04, rtm.5: the text the OASIS standard was approved with) as
// @microsoft/jest-sarif ships it. Its matcher itself is not used: it requires tslib without declaring it.
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates a SARIF log against the schema; returns the errors, empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    // unicodeRegExp off: rtm.5's language pattern has a stray "]" that only non-Unicode regular expressions accept.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(sarifSchema);
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
