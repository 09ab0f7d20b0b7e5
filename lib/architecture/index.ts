/**
 * `cxunit/catalog`: the architecture catalog (the vendor documents as validated data), its loader and
 * its types. `Catalog.default()` is the built-in catalog; `Catalog.load({ overridesDir })` replaces files.
 */
export { Catalog, loadCatalog } from './catalog';
export type { CatalogLoadResult, CatalogOptions } from './catalog';
export type * from './types';
export { InputError } from '../validation/diagnostic';
export type { Diagnostic } from '../validation/diagnostic';
