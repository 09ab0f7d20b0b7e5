/** A closed range of TCP/UDP ports; a single port has from === to. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const MAX_PORT = 65535;

const PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/**
 * Parses "8888" or "20000-45000". Returns a message saying what is wrong (and how to write it)
 * instead of throwing, so callers can attach the file position.
 */
export function parsePortSpec(spec: string): PortRange | string {
  const match = PORT_SPEC.exec(spec);
  if (!match) {
    return `"${spec}" is not a port: write a port as "8888" or a range as "20000-45000"`;
  }
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  for (const port of [from, to]) {
    if (port < 1 || port > MAX_PORT) {
      return `port ${port} in "${spec}" is outside 1-${MAX_PORT}: use a port between 1 and ${MAX_PORT}`;
    }
  }
  if (from > to) {
    return `range "${spec}" is reversed: write the lower port first ("${to}-${from}")`;
  }
  return { from, to };
}

/** Parses a spec already known to be valid (catalog data is validated at load time). */
export function portRange(spec: string): PortRange {
  const parsed = parsePortSpec(spec);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/**
 * Printed cells of the 003 ports tables that name no port, kept as printed: each must carry a note in
 * the catalog saying why.
 */
export const PORTLESS_CELLS: ReadonlySet<string> = new Set(['', 'Logical connection only']);

/**
 * Reads a port cell as 003's tables print it: one port or range, a list (`20, 21, 22`, `80/443`,
 * `61616 / 8080`, `20000-45000/14000-15999`), or alternatives with labels (`6379 (non SSL) or 6380 (SSL)`).
 * Returns the port specs in printed order, or a message saying what is wrong and how to write it.
 * A cell in PORTLESS_CELLS is an empty list.
 */
export function parsePrintedPorts(cell: string): string[] | string {
  if (PORTLESS_CELLS.has(cell.trim())) return [];
  const specs: string[] = [];
  for (const alternative of cell.split(/\s+or\s+/)) {
    const unlabelled = alternative.replace(/\s*\([A-Za-z ]+\)\s*$/, '');
    for (const item of unlabelled.split(/\s*[,/]\s*/)) {
      const parsed = parsePortSpec(item.trim());
      if (typeof parsed === 'string') {
        if (item.trim() === cell.trim()) return parsed;
        return `${parsed} (in the cell "${cell}": list ports as "20, 21, 22" or "80/443", alternatives as "6379 (non SSL) or 6380 (SSL)")`;
      }
      specs.push(item.trim());
    }
  }
  return specs;
}

export function formatPortRange(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}
