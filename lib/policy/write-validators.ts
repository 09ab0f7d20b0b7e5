import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as fs from 'fs';
import * as path from 'path';
import { AJV_OPTIONS, GENERATED_FILE, INPUT_SCHEMAS } from './input-validators';

// Build step (package.json "build"): the input validators as standalone code (see input-validators.ts).
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const ids: Record<string, string> = {};
for (const [name, schema] of Object.entries(INPUT_SCHEMAS)) {
  const id = (schema as { $id?: string }).$id ?? `cxunit:${name}`;
  ajv.addSchema(schema, id);
  ids[name] = id;
}
fs.writeFileSync(path.join(__dirname, GENERATED_FILE), standaloneCode(ajv, ids));
