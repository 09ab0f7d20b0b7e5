import { keepUserFrames } from '../source-site';

/**
 * The parts of the AKS unit's API that load no provider bindings, so that the package index can export
 * them to repos that have not installed @cdktf/provider-azurerm (an optional peer dependency).
 */

/** Thrown when AksUnit props are invalid; lists every problem, each with the bad value and the fix. */
export class AksUnitPropsError extends Error {
  /** Every problem, each with the bad value and the fix (also in the message). */
  declare readonly problems: readonly string[];

  constructor(unitName: string, problems: readonly string[]) {
    super(`invalid AksUnit "${unitName}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AksUnitPropsError';
    // Not enumerable: Node would print the problems a second time under the uncaught error's stack.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
    keepUserFrames(this);
  }
}

/**
 * The AKS storage classes of 003 "File and disk storage for AKS" (skuName of the Azure Disk and Azure
 * Files CSI drivers). "Use single AZ disks" makes both disk classes locally redundant; "Azure Disk -
 * Standard" is read as Standard SSD (AKS's own default disk tier; Standard HDD is not offered for
 * production workloads by the managed classes either). files-standard-redundant is "Azure Files - Premium,
 * Fileshare ZRS" despite its name.
 */
export const AKS_STORAGE_CLASS_PARAMETERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'disk-standard': { skuName: 'StandardSSD_LRS' },
  'disk-premium': { skuName: 'Premium_LRS' },
  'files-standard': { skuName: 'Standard_LRS' },
  'files-standard-redundant': { skuName: 'Premium_ZRS' },
};
