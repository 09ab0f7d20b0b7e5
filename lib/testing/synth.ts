import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Lazy, TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Catalog } from '../architecture/catalog';
import { BuildAppOptions, buildApp } from '../app';
import { AksUnit, AksUnitProps } from '../aks/aks-unit';
import { GkeUnit, GkeUnitProps } from '../gke/gke-unit';
import { GenesysNamespaces } from '../kubernetes/namespaces';
import { GenesysPriorityClasses } from '../kubernetes/priority-classes';
import { PlatformStorageClasses, PlatformStorageClassesProps } from '../kubernetes/storage-classes';
import { enforcePolicies } from '../policy-enforcement';
import { EnforcePoliciesOptions } from '../policy-aspect';

/**
 * Test helpers: synthesize for real (App.synth into a temporary directory) and return the parsed
 * cdk.tf.json, so that tests see exactly what `cdktf synth` writes, top-level metadata included.
 * Tests reach cdktf only through here (lint keeps cdktf out of test/).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON, asserted on by tests
export type TerraformJson = Record<string, any>;

function withOutdir<T>(fn: (outdir: string) => T): T {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-synth-'));
  try {
    return fn(path.join(parent, 'out'));
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

function readStack(outdir: string, stack: string): TerraformJson {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

/**
 * Props known only at deploy time: each names a Terraform variable of the stack (`string` or
 * `list(string)`), whose token (`${var.<name>}` in the JSON) replaces the prop.
 */
export type DeployTimeProps<P> = Partial<Record<keyof P, { readonly name: string; readonly type: 'string' | 'list(string)' }>>;

/** The tokens of the variables that stand for deploy-time props, declared in the stack. */
function deployTimeTokens<P>(stack: TerraformStack, variables: DeployTimeProps<P> = {}): Partial<P> {
  return Object.fromEntries(Object.entries(variables).map(([prop, variable]) => {
    const { name, type } = variable as { name: string; type: 'string' | 'list(string)' };
    const declared = new TerraformVariable(stack, name, { type });
    return [prop, type === 'string' ? declared.stringValue : declared.listValue];
  })) as Partial<P>;
}

export interface GkeUnitSynthOptions {
  /** Changes the unit after construction, as a user would through an escape hatch (`unit.cluster.addOverride`). */
  readonly escapeHatch?: (unit: GkeUnit) => void;
  /** Also calls enforcePolicies(stack) explicitly, as code written before units enforced by themselves did. */
  readonly enforcePoliciesOnStack?: boolean;
  /**
   * Props known only at deploy time: each names a Terraform variable of the stack (`string` or
   * `list(string)`), whose token (`${var.<name>}` in the JSON) replaces the prop.
   */
  readonly variables?: DeployTimeProps<GkeUnitProps>;
  /** Calls enforcePolicies(stack, options) after the unit, as a team does to change how the unit's stack is checked. */
  readonly enforcePoliciesAfter?: EnforcePoliciesOptions;
}

/** One GkeUnit in a stack named after the unit (with a google provider), synthesized. */
export function synthesizeGkeUnit(props: GkeUnitProps, options: GkeUnitSynthOptions = {}): TerraformJson {
  return withOutdir((outdir) => {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, props.unitName);
    new GoogleProvider(stack, 'google', { project: props.project, region: props.region });
    if (options.enforcePoliciesOnStack) enforcePolicies(stack);
    const unit = new GkeUnit(stack, 'unit', { ...props, ...deployTimeTokens(stack, options.variables) });
    options.escapeHatch?.(unit);
    if (options.enforcePoliciesAfter) enforcePolicies(stack, options.enforcePoliciesAfter);
    app.synth();
    return readStack(outdir, props.unitName);
  });
}

export interface AksUnitSynthOptions {
  /** Changes the unit after construction, as a user would through an escape hatch (`unit.cluster.addOverride`). */
  readonly escapeHatch?: (unit: AksUnit) => void;
  /** As for synthesizeGkeUnit. */
  readonly variables?: DeployTimeProps<AksUnitProps>;
}

/** One AksUnit in a stack named after the unit (with an azurerm provider), synthesized. */
export function synthesizeAksUnit(props: AksUnitProps, options: AksUnitSynthOptions = {}): TerraformJson {
  return withOutdir((outdir) => {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, props.unitName);
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const unit = new AksUnit(stack, 'unit', { ...props, ...deployTimeTokens(stack, options.variables) });
    options.escapeHatch?.(unit);
    app.synth();
    return readStack(outdir, props.unitName);
  });
}

/** Constructs an AksUnit without synthesizing (for the constructor's validation). */
export function constructAksUnit(props: AksUnitProps, variables?: DeployTimeProps<AksUnitProps>): void {
  withOutdir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), 'test');
    new AksUnit(stack, 'unit', { ...props, ...deployTimeTokens(stack, variables) });
  });
}

/** Constructs a GkeUnit without synthesizing (for the constructor's validation). */
export function constructGkeUnit(props: GkeUnitProps): void {
  withOutdir((outdir) => new GkeUnit(new TerraformStack(new App({ outdir }), 'test'), 'unit', props));
}

export interface KubernetesObjectsOptions {
  readonly catalog?: Catalog;
  /** @default - every service group */
  readonly serviceGroups?: string[];
  readonly storage?: Omit<PlatformStorageClassesProps, 'provider' | 'catalog'>;
}

/** The cloud-neutral in-cluster objects alone, against a Kubernetes provider with a fixed host. */
export function synthesizeKubernetesObjects(options: KubernetesObjectsOptions = {}): TerraformJson {
  const catalog = options.catalog ?? Catalog.default();
  return withOutdir((outdir) => {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'kubernetes');
    const provider = new KubernetesProvider(stack, 'kubernetes', { host: 'https://kubernetes.example.com' });
    new GenesysNamespaces(stack, 'namespaces', { provider, catalog, ...(options.serviceGroups ? { serviceGroups: options.serviceGroups } : {}) });
    new GenesysPriorityClasses(stack, 'priority-classes', { provider, catalog });
    if (options.storage) new PlatformStorageClasses(stack, 'storage-classes', { provider, catalog, ...options.storage });
    app.synth();
    return readStack(outdir, 'kubernetes');
  });
}

/** The whole app from a units file (buildApp), synthesized: cdk.tf.json by stack name. */
export function synthesizeUnitsApp(options: Omit<BuildAppOptions, 'outdir'> = {}): Record<string, TerraformJson> {
  return withOutdir((outdir) => {
    buildApp({ ...options, outdir }).synth();
    const stacks = fs.readdirSync(path.join(outdir, 'stacks')).sort();
    return Object.fromEntries(stacks.map((stack) => [stack, readStack(outdir, stack)]));
  });
}

/** The resources of one type, by logical name. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, TerraformJson> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type; throws when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): TerraformJson {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** A string known only at deploy time (a Terraform expression), as a construct prop would carry it. */
export function deployTimeString(expression: string): string {
  return Lazy.stringValue({ produce: () => `\${${expression}}` });
}

/** Constructs a GkeUnit, then an AksUnit, in one stack (which the constructs refuse: one unit per stack). */
export function constructGkeAndAksUnitInOneStack(gke: GkeUnitProps, aks: AksUnitProps): void {
  withOutdir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), 'shared');
    new GkeUnit(stack, 'gke', gke);
    new AksUnit(stack, 'aks', aks);
  });
}

/** Constructs several GkeUnits in one stack (which the construct refuses: one unit per stack). */
export function constructGkeUnitsInOneStack(props: readonly GkeUnitProps[]): void {
  withOutdir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), 'shared');
    props.forEach((p, i) => new GkeUnit(stack, `unit${i}`, p));
  });
}
