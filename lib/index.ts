/**
 * `cxunit`: the constructs and the synth-time enforcement. The package's other entry points are
 * `cxunit/aks` (the AKS unit: its own entry point so that a GKE-only app needs neither the Azure
 * provider nor its type declarations), `cxunit/testing` (Jest), `cxunit/policy` (the engine and the rules) and `cxunit/catalog` (the
 * architecture catalog); nothing else is API (see CHANGELOG.md for what semver covers).
 */
export { GkeUnit, GkeUnitPropsError } from './gke/gke-unit';
export { DATA_STORE_KINDS, DEFAULT_HEALTH_CHECK_PORT, DEFAULT_RTP_PORT_RANGE, RELEASE_CHANNELS } from './gke/gke-unit-props';
export type { GkeUnitProps, PeerUnit, ReleaseChannel, ResolvedGkeUnitProps, UnitRole } from './gke/gke-unit-props';
export type { DataStoreKind, NodePoolKind } from './architecture/types';
export { Catalog } from './architecture/catalog';
export type { UnitBoundaries, UnitMetadata } from './network/boundaries';
export type { DocumentedFlow } from './network/documented-flows';
export { enforcePolicies } from './policy-enforcement';
export { suppress } from './policy-aspect';
export type { EnforcePoliciesOptions } from './policy-aspect';
export { InputError } from './validation/diagnostic';
export type { Diagnostic } from './validation/diagnostic';
