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

export function formatPortRange(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}
