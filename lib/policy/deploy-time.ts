import { CXUNIT_METADATA_KEY, UnitBoundaries } from '../network/boundaries';
import { PathSegment } from '../validation/diagnostic';
import { holdsReference } from './expressions';

/**
 * Unit metadata built from values known only at deploy time: a unit whose ranges are Terraform
 * variables (`${var.subnet_cidr}`) records those expressions in its boundaries. They are not malformed
 * ranges; the flows that depend on them cannot be computed until the values are literal, and the rules
 * say so (one cannot-verify finding per value).
 */

/** The boundaries' lists of address ranges: a list variable (`list(string)`) writes one expression in their place. */
const RANGE_LISTS: ReadonlyArray<readonly string[]> = [
  ['unitRanges'], ['ingress', 'sourceRanges'], ['ingress', 'healthCheckRanges'], ['sbc', 'sourceRanges'],
  ['crossRegion', 'peerRanges'], ['crossRegion', 'peerSbcRanges'], ['crossRegion', 'peerDataStoreRanges'],
  ['externalPeers', 'mail'], ['externalPeers', 'sftp'], ['networkRanges'], ['unitInternal', 'ranges'],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The unit metadata with every range list that a deploy-time expression stands for (`"${var.sbc}"`)
 * read as a one-element list of it, so that the schema and the rules see lists. Returns the same object
 * when there is none; never changes its argument.
 */
export function withDeployTimeLists(metadata: unknown): unknown {
  if (!isObject(metadata) || !isObject(metadata.boundaries)) return metadata;
  let boundaries: Record<string, unknown> = metadata.boundaries;
  const wrap = (parent: Record<string, unknown>, key: string): Record<string, unknown> =>
    (typeof parent[key] === 'string' && holdsReference(parent[key]) ? { ...parent, [key]: [parent[key]] } : parent);
  for (let i = 0; i < RANGE_LISTS.length; i++) {
    const first = RANGE_LISTS[i][0];
    const second = RANGE_LISTS[i][1];
    if (second === undefined) boundaries = wrap(boundaries, first);
    else if (isObject(boundaries[first])) {
      const inner = wrap(boundaries[first] as Record<string, unknown>, second);
      if (inner !== boundaries[first]) boundaries = { ...boundaries, [first]: inner };
    }
  }
  const dataStores = boundaries.dataStores;
  if (isObject(dataStores) && isObject(dataStores.external)) {
    let external: Record<string, unknown> = dataStores.external;
    for (const store of Object.keys(external)) external = wrap(external, store);
    if (external !== dataStores.external) boundaries = { ...boundaries, dataStores: { ...dataStores, external } };
  }
  return boundaries === metadata.boundaries ? metadata : { ...metadata, boundaries };
}

/** A deploy-time value of the unit metadata, with every place it is used (JSON paths from the document's root). */
export interface DeployTimeValue {
  readonly value: string;
  readonly paths: ReadonlyArray<readonly PathSegment[]>;
}

/** Every value of the boundaries that holds a Terraform expression, once each, in the order first met. */
export function deployTimeValues(boundaries: UnitBoundaries): readonly DeployTimeValue[] {
  // Three network rules ask for every unit stack: walked once per boundaries object.
  let values = deployTimeCache.get(boundaries);
  if (!values) deployTimeCache.set(boundaries, (values = findDeployTimeValues(boundaries)));
  return values;
}

const deployTimeCache = new WeakMap<UnitBoundaries, readonly DeployTimeValue[]>();

function findDeployTimeValues(boundaries: UnitBoundaries): DeployTimeValue[] {
  const found = new Map<string, PathSegment[][]>();
  // One path, extended and shortened as the walk descends; copied only where a value is found.
  const at: PathSegment[] = ['//', CXUNIT_METADATA_KEY, 'boundaries'];
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (holdsReference(value)) found.set(value, [...(found.get(value) ?? []), [...at]]);
      return;
    }
    // Indexed loops and for-in: in code not yet optimized, each step of a for-of allocates (see values.ts read).
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        at.push(index);
        walk(value[index]);
        at.pop();
      }
    } else if (isObject(value)) {
      for (const key in value) {
        at.push(key);
        walk(value[key]);
        at.pop();
      }
    }
  };
  walk(boundaries);
  return [...found].map(([value, paths]) => ({ value, paths }));
}
