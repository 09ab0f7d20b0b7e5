import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { parsePortSpec as parsePorts } from '../architecture/ports';
import { parseAddressRange as parseRange } from '../network/address-set';
import { CXUNIT_METADATA_KEY, UnitBoundaries } from '../network/boundaries';
import { SourceSite } from '../source-site';
import { Diagnostic, formatPath, InputError, PathSegment, pointerSegments } from '../validation/diagnostic';
import { stackFromCdktfJson } from './cdktf-json';
import { jsonSyntaxProblem, locateJsonPath } from './json-text';
import { StackInput } from './model';
import { kindOf } from './terraform-json';
import { stackFromPlan } from './plan';
import { isCalendarDate } from './suppressions';
import { inputValidator, INPUT_SCHEMAS } from './input-validators';
import { withDeployTimeLists } from './deploy-time';
import { holdsReference } from './expressions';

/**
 * Reads what `cxunit check` is given: a `cdktf.out` directory (every `stacks/<name>/cdk.tf.json`), a
 * stack directory, a `cdk.tf.json` or a `terraform show -json` plan. Every problem is an InputError
 * diagnostic naming the file, line, column and JSON path, and how to fix it; nothing here throws
 * anything else for bad input.
 */

export const STACK_FILE = 'cdk.tf.json';

export interface LoadOptions {
  /** Paths in diagnostics and findings are relative to it (default: the working directory). */
  readonly cwd?: string;
}

/** Every stack under the paths, in the order given (a cdktf.out's stacks by name). Throws InputError. */
export function loadStacks(paths: readonly string[], options: LoadOptions = {}): StackInput[] {
  const stacks: StackInput[] = [];
  forEachStack(paths, (stack) => stacks.push(stack), options);
  return stacks;
}

/**
 * Reads the stacks under the paths one at a time, in loadStacks' order, and gives each to `visit` as soon as
 * it is read, so that a caller can be done with a stack before the next is read (an estate is then never all
 * in memory). Reads every path even after a bad one, then throws InputError with every problem: a caller
 * writes nothing until this returns.
 */
export function forEachStack(paths: readonly string[], visit: (stack: StackInput) => void, options: LoadOptions = {}): void {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  if (paths.length === 0) throw new InputError([{ file: '', line: 0, column: 0, path: '', message: 'no path given: name a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON' }]);
  for (const given of paths) {
    for (const source of stackSources(given, cwd, diagnostics)) {
      const key = typeof source === 'string' ? source : source.directory;
      if (seen.has(key)) continue;
      seen.add(key);
      const stack = typeof source === 'string' ? readStackFile(source, cwd, diagnostics) : readModuleDirectory(source, cwd, diagnostics);
      if (stack) visit(stack);
    }
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
}

function display(file: string, cwd: string): string {
  // What path.relative decides (a file under cwd relative to it, any other by its whole path) without its cost per
  // stack: both are resolved paths (forEachStack resolves cwd), so "under" is a prefix. Windows compares paths
  // without case: path.relative there.
  if (process.platform === 'win32') {
    const relative = path.relative(cwd, file);
    return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
  }
  const prefix = cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`;
  return file.startsWith(prefix) && file.length > prefix.length ? file.slice(prefix.length) : file;
}

/** A Terraform module directory written by hand: its `*.tf.json` files are one configuration, as Terraform reads them. */
interface ModuleDirectory {
  readonly directory: string;
  readonly files: readonly string[];
}

/** Where the stacks under a path are read from: stack files, or module directories. */
function stackSources(given: string, cwd: string, diagnostics: Diagnostic[]): Array<string | ModuleDirectory> {
  const absolute = path.resolve(cwd, given);
  const problem = (message: string) => diagnostics.push({ file: given, line: 0, column: 0, path: '', message });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    problem('no such file or directory: check the path (give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON)');
    return [];
  }
  if (stat.isFile()) return [absolute];
  if (!stat.isDirectory()) {
    problem('not a file or directory: give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON');
    return [];
  }
  if (fs.existsSync(path.join(absolute, STACK_FILE))) return [path.join(absolute, STACK_FILE)];
  const stacksDir = path.join(absolute, 'stacks');
  if (fs.existsSync(stacksDir) && fs.statSync(stacksDir).isDirectory()) {
    const files = fs.readdirSync(stacksDir).sort()
      .map((name) => path.join(stacksDir, name, STACK_FILE))
      .filter((file) => fs.existsSync(file));
    if (files.length === 0) problem(`no stacks: ${display(stacksDir, cwd)} has no <stack>/${STACK_FILE}; run "npx cdktf synth" first`);
    return files;
  }
  const entries = fs.readdirSync(absolute).sort();
  const configurations = entries.filter((name) => name.endsWith('.tf.json')).map((name) => path.join(absolute, name)).filter((file) => fs.statSync(file).isFile());
  if (configurations.length > 0) return [{ directory: absolute, files: configurations }];
  if (entries.length === 0) problem('empty directory: run "npx cdktf synth" first, or give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON');
  else if (entries.some((name) => name.endsWith('.tf'))) {
    problem('a Terraform module in HCL (*.tf), which cxunit does not read: check its plan instead ("terraform show -json plan.bin > plan.json", then cxunit check plan.json)');
  } else problem(`no ${STACK_FILE}, no stacks/ directory and no *.tf.json files here: give a cdktf.out directory, a stack directory, a Terraform JSON module directory, a cdk.tf.json or a plan JSON`);
  return [];
}

/**
 * The `*.tf.json` files of a module directory as one stack named after the directory: Terraform merges a
 * module's files, so a firewall in one file protects the node pools of another. Each resource keeps its
 * own file for locations. `*.tf` files beside them are HCL, which cxunit does not read: each is reported
 * once as a part of the configuration no rule can see.
 */
function readModuleDirectory(module: ModuleDirectory, cwd: string, diagnostics: Diagnostic[]): StackInput | undefined {
  const parts = module.files.map((file) => readStackFile(file, cwd, diagnostics));
  if (parts.some((part) => part === undefined)) return undefined;
  const declaredIn = new Map<string, string>();
  for (const part of parts as StackInput[]) {
    for (const resource of part.resources) {
      const first = declaredIn.get(resource.address);
      if (first !== undefined) {
        diagnostics.push(locateIn(part.file, cwd, resource.jsonPath, `${resource.address} is also declared in ${first}: Terraform refuses a module that declares a resource twice; rename or remove one`));
      }
      declaredIn.set(resource.address, part.file);
    }
  }
  const hcl = fs.readdirSync(module.directory).filter((name) => name.endsWith('.tf')).sort();
  const unreadable = [
    ...(parts as StackInput[]).flatMap((part) => (part.unreadable ?? []).map((u) => ({ ...u, file: part.file }))),
    ...hcl.map((name) => ({
      address: 'stack', path: '', file: display(path.join(module.directory, name), cwd),
      message: `cannot verify what ${name} declares: it is HCL, which cxunit does not read, so its resources are not checked; write it as *.tf.json, or check the plan ("terraform show -json")`,
    })),
  ];
  const withMetadata = (parts as StackInput[]).find((part) => part.boundaries !== undefined || part.serviceGroups !== undefined);
  const first = (parts as StackInput[])[0];
  return {
    stack: path.basename(module.directory), file: first.file, format: 'cdktf',
    resources: (parts as StackInput[]).flatMap((part) => part.resources.map((resource) => ({
      ...resource, file: part.file, ...(resource.metadata ? { metadataSource: { file: part.file, jsonPath: resource.jsonPath } } : {}),
    }))),
    ...(withMetadata?.boundaries ? { boundaries: withMetadata.boundaries } : {}),
    ...(withMetadata?.serviceGroups ? { serviceGroups: withMetadata.serviceGroups } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

/** The stack's name: its directory for cdk.tf.json (and for a plan beside one), else the file name without `.json`. */
function stackName(file: string): string {
  const dir = path.dirname(file);
  if (path.basename(file) === STACK_FILE || fs.existsSync(path.join(dir, STACK_FILE))) return path.basename(dir);
  return path.basename(file).replace(/(\.tfplan)?\.json$/, '');
}

/** Reads one file; problems go to diagnostics (and undefined is returned). */
function readStackFile(file: string, cwd: string, diagnostics: Diagnostic[]): StackInput | undefined {
  const shown = display(file, cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push({ file: shown, line: 0, column: 0, path: '', message: `cannot read: ${(error as Error).message}: check the permissions` });
    return undefined;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const located = jsonSyntaxProblem(text);
    diagnostics.push(located
      ? { file: shown, line: located.line, column: located.column, path: '', message: located.message }
      : { file: shown, line: 0, column: 0, path: '', message: `not valid JSON: ${(error as Error).message}: fix the syntax` });
    return undefined;
  }
  const problems: ShapeProblem[] = [];
  const report = (segments: readonly PathSegment[], message: string) => problems.push({ segments, message });
  const locate = (problem: ShapeProblem): Diagnostic => {
    const location = locateJsonPath(text, problem.segments);
    return { file: shown, line: location?.line ?? 0, column: location?.column ?? 0, path: formatPath(problem.segments), message: problem.message };
  };
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    diagnostics.push(locate({ segments: [], message: `must be a JSON object (a cdk.tf.json or a plan from "terraform show -json"), found ${kindOf(document)}: check that this is the right file` }));
    return undefined;
  }
  const record = document as Record<string, unknown>;
  let stack: StackInput | undefined;
  if (isPlan(record)) {
    const sibling = path.join(path.dirname(file), STACK_FILE);
    const companion = path.resolve(file) !== path.resolve(sibling) && fs.existsSync(sibling) ? readCompanion(sibling, display(sibling, cwd)) : undefined;
    stack = stackFromPlan(record, shown, stackName(file), report, companion);
    if (stack && problems.length === 0) checkMetadata(record, stack, report);
  } else {
    const checked = stackFromCdktfDocument(record, shown, stackName(file));
    problems.push(...checked.problems);
    stack = checked.stack;
  }
  if (problems.length > 0) {
    diagnostics.push(...problems.map(locate));
    return undefined;
  }
  return stack;
}

/**
 * A parsed cdk.tf.json document (from a file, or `stack.toTerraform()` at synth time) as a stack, after
 * checking its shape and its cxunit metadata; problems carry the JSON path, not yet a line.
 */
export function stackFromCdktfDocument(document: Record<string, unknown>, file: string, name: string): { stack?: StackInput; problems: ShapeProblem[] } {
  const problems: ShapeProblem[] = [];
  const report = (segments: readonly PathSegment[], message: string) => problems.push({ segments, message });
  const stack = stackFromCdktfJson(document, file, name, report);
  if (problems.length > 0) return { problems };
  checkMetadata(document, stack, report);
  return problems.length > 0 ? { problems } : { stack, problems };
}

export interface ShapeProblem {
  readonly segments: readonly PathSegment[];
  readonly message: string;
}

export { kindOf };

export type ReportShape = (segments: readonly PathSegment[], message: string) => void;

function isPlan(document: Record<string, unknown>): boolean {
  return 'planned_values' in document || 'resource_changes' in document || ('format_version' in document && 'terraform_version' in document);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The top-level cxunit metadata and the resources' suppressions, against their schemas. */
function checkMetadata(document: Record<string, unknown>, stack: StackInput, report: ReportShape): void {
  const comment = document['//'];
  const metadata = withDeployTimeLists(isObject(comment) ? comment[CXUNIT_METADATA_KEY] : undefined);
  if (metadata !== undefined) {
    const before = validateAgainst('unitMetadata', metadata, ['//', CXUNIT_METADATA_KEY], report);
    if (before === 0 && stack.boundaries) checkBoundaryValues(stack.boundaries, report);
  }
  // Indexed: every resource of every stack, mostly before V8 has optimized this (see values.ts readPath).
  for (let r = 0; r < stack.resources.length; r++) {
    const resource = stack.resources[r];
    const suppressions = (resource.metadata?.[CXUNIT_METADATA_KEY] as Record<string, unknown> | undefined)?.suppressions;
    if (suppressions === undefined) continue;
    const base = [...jsonPathSegments(resource.jsonPath), '//', CXUNIT_METADATA_KEY, 'suppressions'];
    if (validateAgainst('resourceSuppressions', suppressions, base, report) > 0) continue;
    (suppressions as Array<{ expires?: string }>).forEach((entry, index) => {
      if (entry.expires !== undefined && !isCalendarDate(entry.expires)) report([...base, index, 'expires'], `"${entry.expires}" is not a date: write a real day as YYYY-MM-DD`);
    });
  }
}

/** A diagnostic at a JSON path of a file already read (shown as `file`, relative to cwd). */
function locateIn(file: string, cwd: string, jsonPath: string, message: string): Diagnostic {
  const segments = jsonPathSegments(jsonPath);
  const location = locateJsonPath(fs.readFileSync(path.resolve(cwd, file), 'utf8'), segments);
  return { file, line: location?.line ?? 0, column: location?.column ?? 0, path: jsonPath, message };
}

function jsonPathSegments(jsonPath: string): PathSegment[] {
  return jsonPath.split('.');
}

/**
 * The boundaries' ranges and ports are literal or deploy-time expressions (`${var.subnet_cidr}`): the
 * network rules report those as cannot-verify (lib/policy/deploy-time.ts); anything else is malformed.
 */
function checkBoundaryValues(boundaries: UnitBoundaries, report: ReportShape): void {
  const base: PathSegment[] = ['//', CXUNIT_METADATA_KEY, 'boundaries'];
  const parseAddressRange = (value: string) => (holdsReference(value) ? undefined : parseRange(value));
  const parsePortSpec = (value: string) => (holdsReference(value) ? undefined : parsePorts(value));
  const ranges = (values: readonly string[] | undefined, ...at: PathSegment[]) => values?.forEach((value, index) => {
    const parsed = parseAddressRange(value);
    if (typeof parsed === 'string') report([...base, ...at, index], parsed);
  });
  ranges(boundaries.unitRanges, 'unitRanges');
  ranges(boundaries.ingress.sourceRanges, 'ingress', 'sourceRanges');
  ranges(boundaries.ingress.healthCheckRanges, 'ingress', 'healthCheckRanges');
  ranges(boundaries.sbc?.sourceRanges, 'sbc', 'sourceRanges');
  ranges(boundaries.crossRegion?.peerRanges, 'crossRegion', 'peerRanges');
  ranges(boundaries.crossRegion?.peerSbcRanges, 'crossRegion', 'peerSbcRanges');
  if (boundaries.dataStores.placement === 'subnet') {
    const cidr = parseAddressRange(boundaries.dataStores.cidr);
    if (typeof cidr === 'string') report([...base, 'dataStores', 'cidr'], cidr);
    for (const [store, storeRanges] of Object.entries(boundaries.dataStores.external ?? {})) ranges(storeRanges, 'dataStores', 'external', store);
  }
  ranges(boundaries.crossRegion?.peerDataStoreRanges, 'crossRegion', 'peerDataStoreRanges');
  ranges(boundaries.crossRegion?.peerNetworkRanges, 'crossRegion', 'peerNetworkRanges');
  const fileStorage = boundaries.fileStorage ? parseAddressRange(boundaries.fileStorage.cidr) : undefined;
  if (typeof fileStorage === 'string') report([...base, 'fileStorage', 'cidr'], fileStorage);
  ranges(boundaries.externalPeers?.mail, 'externalPeers', 'mail');
  ranges(boundaries.externalPeers?.sftp, 'externalPeers', 'sftp');
  if (boundaries.sbc) {
    for (const key of ['rtpPortRange', 'sbcRtpPortRange'] as const) {
      const spec = boundaries.sbc[key];
      const rtp = spec === undefined ? undefined : parsePortSpec(spec);
      if (typeof rtp === 'string') report([...base, 'sbc', key], rtp);
    }
  }
}

/** Validates data found at `base` against one of the input schemas; returns how many problems were reported. */
export function validateAgainst(schema: keyof typeof INPUT_SCHEMAS, data: unknown, base: readonly PathSegment[], report: ReportShape): number {
  const validate = inputValidator(schema);
  if (validate(data)) return 0;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const seen = new Set<string>();
  let count = 0;
  for (const error of errors) {
    const segments = [...base, ...pointerSegments(error.instancePath)];
    const message = schemaMessage(error, data);
    const key = `${formatPath(segments)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(error.keyword === 'additionalProperties' ? [...segments, String((error.params as { additionalProperty: string }).additionalProperty)] : segments, message);
    count++;
  }
  return count;
}

function schemaMessage(error: ErrorObject, root: unknown): string {
  const params = error.params as Record<string, unknown>;
  const value = pointerSegments(error.instancePath).reduce<unknown>((v, s) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined), root);
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return `unknown key "${String(params.additionalProperty)}": remove it or use one of ${allowed.join(', ')}`;
    }
    case 'required':
      return `missing key "${String(params.missingProperty)}": add it`;
    case 'type':
      return `must be ${String(params.type) === 'object' ? 'an object' : String(params.type) === 'array' ? 'a list' : `a ${String(params.type)}`}, found ${kindOf(value)}: change the value`;
    case 'enum':
      return `${kindOf(value)} is not allowed: use one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern': {
      const hint = (error.parentSchema as { description?: string })?.description;
      return `${kindOf(value)} is malformed: ${hint ?? `it must match ${String(params.pattern)}`}`;
    }
    default:
      return `${error.message ?? 'is invalid'}: correct the value`;
  }
}

/** The cdk.tf.json beside a plan: cxunit metadata that plans do not carry ("//" keys are comments to Terraform). */
export interface Companion {
  readonly boundaries?: UnitBoundaries;
  readonly serviceGroups?: readonly string[];
  readonly createdAt?: SourceSite;
  /** The cdk.tf.json, as findings name it. */
  readonly file: string;
  /** Resource metadata by address (root module), with the resource's JSON path in the cdk.tf.json. */
  readonly metadata: ReadonlyMap<string, { readonly values: Readonly<Record<string, unknown>>; readonly jsonPath: string }>;
}

function readCompanion(file: string, shown: string): Companion | undefined {
  try {
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!isObject(document)) return undefined;
    const problems: ShapeProblem[] = [];
    const stack = stackFromCdktfJson(document, file, '', (segments, message) => problems.push({ segments, message }));
    if (problems.length > 0) return undefined;
    return {
      ...(stack.boundaries ? { boundaries: stack.boundaries } : {}),
      ...(stack.serviceGroups ? { serviceGroups: stack.serviceGroups } : {}),
      ...(stack.createdAt ? { createdAt: stack.createdAt } : {}),
      file: shown,
      metadata: new Map(stack.resources.filter((r) => r.metadata).map((r) => [r.address, { values: r.metadata!, jsonPath: r.jsonPath }])),
    };
  } catch {
    // A broken companion only means the plan is checked without cxunit metadata; its own check reports it.
    return undefined;
  }
}
