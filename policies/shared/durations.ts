/**
 * Seconds in a Google API duration string (`"3600s"`, `"5400.5s"`), as the provider takes them for
 * `node_pool_soak_duration`; undefined when the text is not such a duration.
 */
export function durationSeconds(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}
