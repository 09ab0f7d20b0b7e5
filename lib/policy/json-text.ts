import { PathSegment } from '../validation/diagnostic';

/**
 * Positions inside JSON text. `JSON.parse` does not say where a value is, and on Node 20 some of its
 * syntax errors carry no position at all, so this scanner finds both: where the text stops being JSON,
 * and where the value at a path starts. It never builds values, so it is cheap on large files.
 */

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface JsonSyntaxProblem extends TextPosition {
  /** What is wrong, then a colon and how to fix it. */
  readonly message: string;
}

export interface PathLocation extends TextPosition {
  /** How many of the path's segments were found (the location is that ancestor's when fewer than all). */
  readonly found: number;
}

class ScanError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** The first syntax error in `text`, located, or undefined when it is valid JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipWhitespace();
    if (scanner.atEnd()) throw new ScanError(scanner.offset, 'the file is empty: write a JSON document');
    scanner.skipValue();
    scanner.skipWhitespace();
    if (!scanner.atEnd()) throw new ScanError(scanner.offset, `unexpected ${scanner.describeHere()} after the end of the document: remove it`);
    return undefined;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { ...positionOf(text, error.offset), message: `not valid JSON: ${error.message}` };
  }
}

/**
 * Offsets of values already found in one text, by path prefix: locating many paths in one file (every
 * finding of a 10 MB plan) then scans each list and object once instead of once per finding.
 */
export type JsonPathIndex = Map<string, number>;

/** Where the value at `segments` starts, or its deepest existing ancestor. Undefined for invalid JSON. */
export function locateJsonPath(text: string, segments: readonly PathSegment[], index: JsonPathIndex = new Map()): PathLocation | undefined {
  const scanner = new Scanner(text, false);
  const keyOf = (count: number) => segments.slice(0, count).map((s) => (typeof s === 'number' ? `#${s}` : `.${s}`)).join('');
  try {
    let found = 0;
    let valueStart: number | undefined;
    for (let count = segments.length; count > 0; count--) {
      const known = index.get(keyOf(count));
      if (known !== undefined) {
        found = count;
        valueStart = known;
        break;
      }
    }
    if (valueStart === undefined) {
      scanner.skipWhitespace();
      valueStart = scanner.offset;
    }
    for (; found < segments.length; found++) {
      scanner.offset = valueStart;
      const parent = keyOf(found);
      const next = scanner.enter(segments[found], (child, offset) => index.set(`${parent}${typeof child === 'number' ? `#${child}` : `.${child}`}`, offset));
      if (next === undefined) break;
      valueStart = next;
    }
    return { ...positionOf(text, valueStart), found };
  } catch (error) {
    if (error instanceof ScanError) return undefined;
    throw error;
  }
}

export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** `resource.google_compute_firewall.ssh.allow[0]["//"]` → segments (the inverse of formatPath). */
export function parseJsonPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(match[2]) as string);
    else segments.push(match[3]);
  }
  return segments;
}

class Scanner {
  offset = 0;

  /** `strict`: report every syntax error (for the located error message); otherwise skip strings fast. */
  constructor(private readonly text: string, private readonly strict = true) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.offset < this.text.length && ' \t\n\r'.includes(this.text[this.offset])) this.offset++;
  }

  describeHere(): string {
    if (this.atEnd()) return 'end of file';
    return `character ${JSON.stringify(this.text[this.offset])}`;
  }

  /**
   * With the scanner at a value, moves to the start of its child `segment` and returns that offset,
   * or undefined (scanner position unspecified) when the value has no such child.
   */
  enter(segment: PathSegment, passed?: (child: PathSegment, offset: number) => void): number | undefined {
    const open = this.text[this.offset];
    if (open === '{') {
      this.offset++;
      this.skipWhitespace();
      if (this.text[this.offset] === '}') return undefined;
      for (;;) {
        this.skipWhitespace();
        const key = this.readString();
        this.skipWhitespace();
        this.expect(':', "expected ':' after the property name");
        this.skipWhitespace();
        passed?.(key, this.offset);
        if (key === String(segment)) return this.offset;
        this.skipValue();
        this.skipWhitespace();
        if (this.text[this.offset] === ',') {
          this.offset++;
          continue;
        }
        return undefined;
      }
    }
    if (open === '[' && typeof segment === 'number') {
      this.offset++;
      this.skipWhitespace();
      if (this.text[this.offset] === ']') return undefined;
      for (let index = 0; ; index++) {
        this.skipWhitespace();
        passed?.(index, this.offset);
        if (index === segment) return this.offset;
        this.skipValue();
        this.skipWhitespace();
        if (this.text[this.offset] !== ',') return undefined;
        this.offset++;
      }
    }
    return undefined;
  }

  skipValue(): void {
    const c = this.text[this.offset];
    if (c === '{') return this.skipContainer('}', true);
    if (c === '[') return this.skipContainer(']', false);
    if (c === '"') {
      if (this.strict) this.readString();
      else this.skipString();
      return;
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.skipNumber();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.offset)) {
        this.offset += literal.length;
        return;
      }
    }
    if (this.atEnd()) throw new ScanError(this.offset, 'unexpected end of file: the document is truncated, complete it');
    if (c === "'") throw new ScanError(this.offset, 'single-quoted string: use double quotes');
    throw new ScanError(this.offset, `unexpected ${this.describeHere()} where a value should be: write a string, number, object, list, true, false or null`);
  }

  private skipContainer(close: '}' | ']', isObject: boolean): void {
    const openOffset = this.offset;
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === close) {
      this.offset++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (isObject) {
        if (this.text[this.offset] !== '"') {
          if (this.text[this.offset] === close) throw new ScanError(this.offset, `trailing comma before '${close}': remove the comma`);
          throw new ScanError(this.offset, `expected a double-quoted property name, found ${this.describeHere()}: quote the name`);
        }
        this.readString();
        this.skipWhitespace();
        this.expect(':', "expected ':' after the property name");
        this.skipWhitespace();
      } else if (this.text[this.offset] === close) {
        throw new ScanError(this.offset, `trailing comma before '${close}': remove the comma`);
      }
      this.skipValue();
      this.skipWhitespace();
      const c = this.text[this.offset];
      if (c === ',') {
        this.offset++;
        continue;
      }
      if (c === close) {
        this.offset++;
        return;
      }
      if (this.atEnd()) {
        const { line, column } = positionOf(this.text, openOffset);
        throw new ScanError(this.offset, `unexpected end of file: the '${isObject ? '{' : '['}' at ${line}:${column} is never closed, close it`);
      }
      throw new ScanError(this.offset, `expected ',' or '${close}', found ${this.describeHere()}: add the missing comma or bracket`);
    }
  }

  /** Past a string without decoding it (the text is known to be valid JSON). */
  private skipString(): void {
    let at = this.offset + 1;
    for (;;) {
      const quote = this.text.indexOf('"', at);
      if (quote < 0) throw new ScanError(this.offset, 'string is never closed: add the closing double quote');
      let backslashes = 0;
      for (let i = quote - 1; this.text.charCodeAt(i) === 92; i--) backslashes++;
      at = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    this.offset = at;
  }

  private readString(): string {
    if (this.text[this.offset] !== '"') throw new ScanError(this.offset, `expected a double-quoted string, found ${this.describeHere()}: quote it`);
    const start = this.offset;
    let escaped = false;
    this.offset++;
    while (this.offset < this.text.length) {
      const c = this.text[this.offset];
      if (c === '\\') {
        escaped = true;
        this.offset += 2;
        continue;
      }
      if (c === '"') {
        this.offset++;
        // Only a string with escapes needs decoding (and can hold a bad one); control characters are checked only in strict mode.
        if (!escaped && !this.strict) return this.text.slice(start + 1, this.offset - 1);
        try {
          return JSON.parse(this.text.slice(start, this.offset)) as string;
        } catch {
          throw new ScanError(start, 'string has an invalid escape or control character: escape it as in "\\n" or "\\u0009"');
        }
      }
      if (c === '\n') throw new ScanError(this.offset, 'line break inside a string: close the string or escape the line break as \\n');
      this.offset++;
    }
    throw new ScanError(start, 'string is never closed: add the closing double quote');
  }

  private skipNumber(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    if (!match) throw new ScanError(this.offset, 'malformed number: write it as in 42, -1.5 or 1e3');
    this.offset += match[0].length;
  }

  private expect(character: string, message: string): void {
    if (this.text[this.offset] !== character) throw new ScanError(this.offset, `${message}, found ${this.describeHere()}: add it`);
    this.offset++;
  }
}
