import * as fs from 'fs';
import * as path from 'path';
import { JsonPathIndex, locateJsonPath, parseJsonPath, TextPosition } from './json-text';

/**
 * Finds the line and column of a finding's JSON path in its file, for reporters that can point at it
 * (text, SARIF regions, GitHub annotations). Files are read once; a file that cannot be read or a path
 * that is not there simply has no position.
 */
export class SourceLocator {
  private readonly texts = new Map<string, string | undefined>();
  private readonly indexes = new Map<string, JsonPathIndex>();

  constructor(private readonly cwd: string = process.cwd()) {}

  locate(file: string, jsonPath: string): TextPosition | undefined {
    if (!file || !/\.json$/i.test(file)) return undefined;
    const text = this.text(file);
    if (text === undefined) return undefined;
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new Map()));
    const location = locateJsonPath(text, jsonPath ? parseJsonPath(jsonPath) : [], index);
    return location ? { line: location.line, column: location.column } : undefined;
  }

  private text(file: string): string | undefined {
    if (!this.texts.has(file)) {
      try {
        this.texts.set(file, fs.readFileSync(path.resolve(this.cwd, file), 'utf8'));
      } catch {
        this.texts.set(file, undefined);
      }
    }
    return this.texts.get(file);
  }
}
