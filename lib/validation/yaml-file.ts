import * as fs from 'fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { Diagnostic, formatPath, PathSegment, pointerSegments } from './diagnostic';

/** A parsed YAML file that can say where any of its values is. */
export class YamlFile {
  static read(file: string, displayName = file): YamlFile | Diagnostic {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      return { file: displayName, line: 0, column: 0, path: '', message: `${reason}: check the path` };
    }
    return YamlFile.parse(text, displayName);
  }

  /** Parses text; returns the first syntax error as a diagnostic instead of throwing. */
  static parse(text: string, file: string): YamlFile | Diagnostic {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const error = document.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return { file, line, column: col, path: '', message: `invalid YAML: ${firstLine}: fix the syntax at this position` };
    }
    return new YamlFile(file, document, lineCounter);
  }

  readonly data: unknown;

  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {
    this.data = document.toJS({ maxAliasCount: 100 });
  }

  /**
   * A diagnostic at the value under `path`, or at the nearest ancestor that exists.
   * With `atKey`, points at the key of the last segment (for unknown keys).
   */
  diagnostic(path: readonly PathSegment[], message: string, atKey = false): Diagnostic {
    let node: unknown = this.document.contents;
    let located: { range?: [number, number, number] | null } | undefined = node as Node;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        located = atKey && segment === path[path.length - 1] ? (pair.key as Node) : ((pair.value as Node) ?? (pair.key as Node));
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        located = node as Node;
      } else {
        break;
      }
    }
    const offset = located?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col, path: formatPath(path), message };
  }
}

let ajv: import('ajv').default | undefined;
const compiled = new Map<object, ValidateFunction>();

/**
 * The schema compiled by ajv, on first use. ajv and the compilation of a schema (after its meta-schema) cost
 * about 100 ms: a file read at every `cxunit check` (the suppressions file) passes a validator the build
 * precompiled instead (lib/policy/input-validators.ts).
 */
function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    if (!ajv) {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a schema is compiled (see above) */
      const Ajv = (require('ajv') as typeof import('ajv')).default;
      const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
      /* eslint-enable @typescript-eslint/no-require-imports */
      ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
      addFormats(ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Validates a YAML file's data against a JSON Schema, or with a validator compiled from one with the options
 * above (`verbose`: the messages read the schema); every error located in the file.
 */
export function validateYaml(yamlFile: YamlFile, schema: object | ValidateFunction): Diagnostic[] {
  const validate = typeof schema === 'function' ? (schema as ValidateFunction) : validatorFor(schema);
  if (validate(yamlFile.data)) return [];
  return dedupe((validate.errors ?? []).filter(isReportable).map((error) => toDiagnostic(yamlFile, error)));
}

/** `if`/`then` and `not` wrap a more specific error that ajv also reports. */
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function toDiagnostic(yamlFile: YamlFile, error: ErrorObject): Diagnostic {
  const path = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return yamlFile.diagnostic([...path, key], `unknown key "${key}": remove it or use one of ${allowed.join(', ')}`, true);
    }
    case 'required':
      return yamlFile.diagnostic(path, `missing key "${String(params.missingProperty)}": add it`);
    case 'type':
      return yamlFile.diagnostic(path, `must be ${describeType(params.type)}, found ${describeValue(valueAt(yamlFile.data, path))}: change the value`);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return yamlFile.diagnostic(path, `${describeValue(valueAt(yamlFile.data, path))} is not allowed: use one of ${allowed}`);
    }
    case 'pattern': {
      const hint = (error.parentSchema as { description?: string })?.description;
      const value = describeValue(valueAt(yamlFile.data, path));
      return yamlFile.diagnostic(path, `${value} is malformed: ${hint ?? `it must match ${String(params.pattern)}`}`);
    }
    case 'not':
      return yamlFile.diagnostic(path, 'has a key that is not allowed here: see the schema for this kind of entry');
    default:
      return yamlFile.diagnostic(path, `${error.message ?? 'is invalid'}: correct the value`);
  }
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value;
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'null' ? 'null' : `a ${String(t)}`)).join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
