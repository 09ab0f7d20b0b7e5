import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Catalog } from '../architecture/catalog';

export interface GenesysNamespacesProps {
  /** The Kubernetes provider of the unit's cluster. */
  readonly provider: TerraformProvider;
  /** The catalog whose naming table (003 "Creating namespaces") gives the namespaces. */
  readonly catalog: Catalog;
  /**
   * Enabled service groups (catalog keys, e.g. `gws`, `voice`).
   * @default - every service group of the catalog
   */
  readonly serviceGroups?: string[];
}

/**
 * The namespaces of 003's naming table for the enabled service groups. Groups that share a namespace
 * (Voice Microservices, Voice Tenants and Voice Legacy share `voice`) get it once.
 * Cloud-neutral: any cluster's Kubernetes provider.
 */
export class GenesysNamespaces extends Construct {
  /** The namespaces, by name. */
  readonly namespaces: Readonly<Record<string, NamespaceV1>>;

  constructor(scope: Construct, id: string, props: GenesysNamespacesProps) {
    super(scope, id);
    const groups = enabledServiceGroups(props.catalog, props.serviceGroups);
    const namespaces: Record<string, NamespaceV1> = {};
    for (const name of namespacesOf(groups)) {
      namespaces[name] = new NamespaceV1(this, name, {
        provider: props.provider,
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'cxunit' } },
      });
    }
    this.namespaces = namespaces;
  }
}

/** The catalog's service groups with the given keys (all when omitted); throws on an unknown key. */
export function enabledServiceGroups(catalog: Catalog, keys?: readonly string[]) {
  if (keys === undefined) return [...catalog.serviceGroups];
  return keys.map((key) => {
    const group = catalog.serviceGroup(key);
    if (!group) throw new Error(`service group "${key}" is not in the catalog (003 "Creating namespaces"): use one of ${catalog.serviceGroups.map((g) => g.key).join(', ')}`);
    return group;
  });
}

/** Distinct namespace names of the groups, in the naming table's order. */
export function namespacesOf(groups: ReadonlyArray<{ readonly namespaces: readonly string[] }>): string[] {
  return [...new Set(groups.flatMap((g) => g.namespaces))];
}
