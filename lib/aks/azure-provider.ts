import { packageInfo } from '../package-info';

/**
 * Fails with the install command when `@cdktf/provider-azurerm` (an optional peer dependency) is missing,
 * instead of Node's MODULE_NOT_FOUND and a require stack from inside cxunit.
 */
export function assertAzureProviderInstalled(resolve: (request: string) => string = require.resolve): void {
  try {
    resolve('@cdktf/provider-azurerm/package.json');
  } catch {
    const version = packageInfo().peerDependencies['@cdktf/provider-azurerm'];
    throw new Error(`cxunit/aks needs the optional peer dependency @cdktf/provider-azurerm, which is not installed: run "npm install @cdktf/provider-azurerm@${version}"`);
  }
}
