/**
 * `cxunit/aks`: the Genesys unit on AKS. An entry point of its own because it needs
 * `@cdktf/provider-azurerm`, an optional peer dependency: `cxunit` (GKE) loads and type-checks without it.
 */
import { assertAzureProviderInstalled } from './azure-provider';

assertAzureProviderInstalled();

export { AksUnit } from './aks-unit';
export { AKS_STORAGE_CLASS_PARAMETERS, AksUnitPropsError } from './aks-unit-errors';
export type { AksPeerUnit, AksUnitProps, ResolvedAksUnitProps } from './aks-unit-props';
