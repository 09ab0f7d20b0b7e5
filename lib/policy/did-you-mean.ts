import { distance } from 'fastest-levenshtein';

/**
 * ` (did you mean "gke.no-autopilot"?)` for a mistyped rule id or stack name, or '' when nothing is close: the
 * candidates whose name after the pack is exactly it (`no-autopilot`), else the nearest by edit distance
 * (fastest-levenshtein) within a quarter of its length (at least 2), up to three of them.
 */
export function didYouMean(given: string, candidates: readonly string[]): string {
  const bySuffix = candidates.filter((candidate) => candidate.slice(candidate.indexOf('.') + 1) === given && candidate !== given);
  let close = bySuffix;
  if (close.length === 0) {
    const limit = Math.max(2, Math.floor(given.length / 4));
    const scored = candidates.map((candidate) => ({ candidate, distance: distance(given, candidate) })).filter((c) => c.distance > 0 && c.distance <= limit);
    const best = Math.min(...scored.map((c) => c.distance));
    close = scored.filter((c) => c.distance === best).map((c) => c.candidate);
  }
  if (close.length === 0) return '';
  const quoted = close.slice(0, 3).map((candidate) => `"${candidate}"`);
  return ` (did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?)`;
}
