/**
 * `cxunit`: the constructs and the synth-time enforcement. The package's other entry points are
 * `cxunit/testing` (Jest), `cxunit/policy` (the engine and the rules) and `cxunit/catalog` (the
 * architecture catalog); nothing else is API (see CHANGELOG.md for what semver covers).
 */
export { GkeUnit, GkeUnitPropsError } from './gke/gke-unit';
export { DATA_STORE_KINDS, DEFAULT_HEALTH_CHECK_PORT, DEFAULT_RTP_PORT_RANGE, RELEASE_CHANNELS } from './gke/gke-unit-props';
export type { GkeUnitProps, PeerUnit, ReleaseChannel, ResolvedGkeUnitProps, UnitRole } from './gke/gke-unit-props';
export { AKS_STORAGE_CLASS_PARAMETERS, AksUnitPropsError } from './aks/aks-unit-errors';
// AksUnit is loaded on first use: @cdktf/provider-azurerm is an optional peer dependency, so a repo that
// builds only GKE units must be able to load this index without it.
import type * as AksUnitModule from './aks/aks-unit';
import { packageInfo } from './package-info';
export type AksUnit = AksUnitModule.AksUnit;
export declare const AksUnit: typeof AksUnitModule.AksUnit;
Object.defineProperty(exports, 'AksUnit', { enumerable: true, get: loadAksUnit });

function loadAksUnit(): typeof AksUnitModule.AksUnit {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
    return (require('./aks/aks-unit') as typeof AksUnitModule).AksUnit;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'MODULE_NOT_FOUND' || !message.includes("'@cdktf/provider-azurerm")) throw error;
    const version = packageInfo().peerDependencies['@cdktf/provider-azurerm'];
    throw new Error(`AksUnit needs the optional peer dependency @cdktf/provider-azurerm, which is not installed: run "npm install @cdktf/provider-azurerm@${version}"`);
  }
}
export type { AksPeerUnit, AksUnitProps, ResolvedAksUnitProps } from './aks/aks-unit-props';
export type { DataStoreKind, NodePoolKind } from './architecture/types';
export { Catalog } from './architecture/catalog';
export type { UnitBoundaries, UnitMetadata } from './network/boundaries';
export type { DocumentedFlow } from './network/documented-flows';
export { enforcePolicies } from './policy-enforcement';
export { suppress } from './policy-aspect';
export type { EnforcePoliciesOptions } from './policy-aspect';
export { InputError } from './validation/diagnostic';
export type { Diagnostic } from './validation/diagnostic';
