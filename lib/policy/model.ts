import type { Catalog } from '../architecture/catalog';
import { UnitBoundaries } from '../network/boundaries';
import { SourceSite } from '../source-site';

/**
 * The policy engine's view of Terraform: one stack's resources, whether they came from a CDKTF
 * `cdk.tf.json` or from `terraform show -json` plan output. Never loads cdktf or provider bindings.
 */

export type Severity = 'error' | 'warning';
/** The built-in packs, or a team's own (any lowercase word, e.g. `acme`) for custom rules. */
export type BuiltInPack = 'gke' | 'aks' | 'network' | 'kubernetes';
/** Pack names custom rules may not use: cxunit's packs and the engine's own checks. */
export const RESERVED_PACKS: readonly string[] = ['gke', 'aks', 'network', 'kubernetes', 'engine', 'cxunit'];
export type Pack = BuiltInPack | (string & {});

/** A value a rule cannot know: `${...}` in cdk.tf.json, or `after_unknown` in a plan. */
export const UNKNOWN: unique symbol = Symbol('unknown-after-apply');

/** A plan value marked `after_sensitive` whose value the plan does not carry (a redacted plan). */
export const REDACTED: unique symbol = Symbol('sensitive-redacted');

/**
 * Part of the input no rule can read: a module call (its resources are not in a cdk.tf.json), a
 * `count` or `for_each` cxunit cannot evaluate. Reported once each, as cannot-verify, by the engine.
 */
export interface Unreadable {
  readonly address: string;
  /** JSON path in the stack's file. */
  readonly path: string;
  /** What cannot be verified, why, and what to do. */
  readonly message: string;
  /** The file it is in, when the stack spans several files (a directory of `*.tf.json`). */
  readonly file?: string;
}

export interface TerraformResource {
  readonly type: string;
  readonly name: string;
  /** `google_container_cluster.unit_cluster` (module paths prefixed in plans). */
  readonly address: string;
  /** The resource's configuration: plain JSON, with `UNKNOWN` where a plan says unknown after apply. */
  readonly values: Readonly<Record<string, unknown>>;
  /** JSON path of the resource in its file, e.g. `resource.google_container_cluster.unit_cluster`. */
  readonly jsonPath: string;
  /** The file the resource is written in, when the stack spans several files (a directory of `*.tf.json`); else the stack's file. */
  readonly file?: string;
  /** The resource's `"//"` metadata in cdk.tf.json (construct path, cxunit suppressions). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Where the metadata was read when it is not in this file (a plan's metadata comes from the cdk.tf.json beside it). */
  readonly metadataSource?: { readonly file: string; readonly jsonPath: string };
  /**
   * Plans only: what each top-level argument's expression refers to (from the plan's `configuration`),
   * e.g. `{ network: ['google_compute_network.vpc.id', 'google_compute_network.vpc'] }`, so that a rule
   * can tell which resource an unknown-after-apply value will come from.
   */
  readonly references?: Readonly<Record<string, readonly string[]>>;
}

export interface StackInput {
  /** Stack name (the directory under cdktf.out/stacks, or the file's base name). */
  readonly stack: string;
  /** The file the stack was read from, relative to the working directory. */
  readonly file: string;
  readonly format: 'cdktf' | 'plan';
  readonly resources: readonly TerraformResource[];
  /** The unit's declared boundaries (`"//".cxunit.boundaries`), when a cxunit construct made the stack. */
  readonly boundaries?: UnitBoundaries;
  /** The unit's enabled service groups (`"//".cxunit.serviceGroups`, catalog keys), when a cxunit construct made the stack. */
  readonly serviceGroups?: readonly string[];
  /** Where the unit construct was created in the user's code (`"//".cxunit.createdAt`), when a cxunit construct made the stack. */
  readonly createdAt?: SourceSite;
  /** What the rules cannot see (module calls, unevaluated counts), reported by the engine once each. */
  readonly unreadable?: readonly Unreadable[];
}

export interface SourceReference {
  /**
   * Seed document file name, e.g. `003_74d96401c83dc4a0.txt` (shown by its title, see lib/architecture/documents.ts),
   * or for a custom rule the name of the team's own document.
   */
  readonly document: string;
  /** Section, table or connection, e.g. `GKE > Not supported` or `Connections table, row 19`. */
  readonly section: string;
}

export interface RuleMetadata {
  /** Public contract, e.g. `gke.no-autopilot`. */
  readonly id: string;
  readonly pack: Pack;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly reference: SourceReference;
  readonly remediation: string;
  /** False for the documented unsupported features: their findings cannot be suppressed. */
  readonly suppressible: boolean;
  /** Where the rule is documented. @default - the rule's section of cxunit's docs/policies.md (built-in rules only) */
  readonly helpUri?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly file: string;
  /** Resource address, or the stack itself (`stack`) for findings about something missing. */
  readonly address: string;
  /** JSON path of the offending value in the file, e.g. `resource.google_container_cluster.unit_cluster.enable_autopilot`. */
  readonly path: string;
  readonly message: string;
  /** Where the requirement comes from (seed document and section / connection). */
  readonly reference: string;
  /** The value could not be read (unresolved reference, unknown after apply): reported, never passed. */
  readonly cannotVerify?: boolean;
  /** The construct that made the resource (`"//".metadata.path` in cdk.tf.json), e.g. `euw1/unit/cluster/cluster`. */
  readonly constructPath?: string;
  /** Where that construct was created in the user's code, when cdktf or the unit recorded it. */
  readonly source?: SourceSite;
}

/** What a rule returns before the engine adds rule id, severity, stack and file. */
export interface Violation {
  readonly address: string;
  readonly path: string;
  readonly message: string;
  readonly reference?: string;
  readonly cannotVerify?: boolean;
}

/** What the engine gives every rule besides the stack. */
export interface EvaluationContext {
  /** The architecture catalog to check against (`check --catalog DIR`, or the built-in one). */
  readonly catalog: Catalog;
}

export interface Rule extends RuleMetadata {
  /**
   * Pure: reads the stack, returns violations; never prints, never throws on odd input. The engine always
   * passes the context; a rule called directly without one uses the built-in catalog (see catalogOf).
   */
  evaluate(stack: StackInput, context?: EvaluationContext): readonly Violation[];
  /**
   * Why the rule has nothing to check in this stack (`no GKE cluster or node pool in this stack`), or
   * undefined when it applies. It only labels a rule that found nothing: reports show that rule as skipped
   * (JUnit `<skipped>`, policySuite's skipped test, the JSON report's `notApplicable`) rather than passed.
   * A rule that returns violations is reported whatever this says. Without it a rule always applies.
   */
  notApplicable?(stack: StackInput): string | undefined;
}
