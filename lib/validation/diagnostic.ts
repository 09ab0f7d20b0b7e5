/** A problem in a user-supplied file, located precisely enough to fix without reading code. */
export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  readonly line: number;
  /** 1-based; 0 when the problem concerns the whole file. */
  readonly column: number;
  /** Where in the document's data the problem is, e.g. `connections[3].ports[0]`; empty for the root. */
  readonly path: string;
  /** What is wrong, then a colon and how to fix it. */
  readonly message: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const place = diagnostic.line > 0 ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}` : diagnostic.file;
  const path = diagnostic.path ? ` ${diagnostic.path}:` : '';
  return `${place}:${path} ${diagnostic.message}`;
}

/** Thrown when input files are invalid; carries every problem found, not just the first. */
export class InputError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}

export type PathSegment = string | number;

/** `['connections', 3, 'ports', 0]` → `connections[3].ports[0]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  // An indexed loop: the path of every resource of every stack is formatted here, mostly by code not yet optimized.
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (isIdentifier(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The same few keys (`resource`, resource types, argument names) recur in every path of every stack. */
const identifiers = new Map<string, boolean>();

function isIdentifier(segment: string): boolean {
  let known = identifiers.get(segment);
  if (known === undefined) {
    known = /^[A-Za-z_$][\w$-]*$/.test(segment);
    if (identifiers.size < 10_000) identifiers.set(segment, known);
  }
  return known;
}

/** JSON pointer (`/connections/3/ports/0`) → path segments. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
