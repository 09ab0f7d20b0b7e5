import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isFalse, show } from '../shared/findings';
import { aksClusters } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

const DRIVERS = [
  { attribute: 'disk_driver_enabled', name: 'Azure Disk CSI driver', classes: 'disk-standard and disk-premium' },
  { attribute: 'file_driver_enabled', name: 'Azure Files CSI driver', classes: 'files-standard and files-standard-redundant' },
] as const;

export const csiDrivers: Rule = {
  id: 'aks.csi-drivers',
  pack: 'aks',
  title: 'The Azure Disk and Azure Files CSI drivers are on',
  severity: 'error',
  rationale: '003 "Storage requirements > File and disk storage for AKS": disk-standard and disk-premium are Azure '
    + 'Disks, files-standard and files-standard-redundant Azure Files shares; they provision through AKS\'s Disk and '
    + 'Files CSI drivers (`disk.csi.azure.com`, `file.csi.azure.com`). Both are on unless `storage_profile` turns '
    + 'them off.',
  reference: { document: SETUP_DOCUMENT, section: 'Storage requirements > File and disk storage for AKS' },
  remediation: 'Remove `storage_profile.disk_driver_enabled = false` and `file_driver_enabled = false` (or set them to true).',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of aksClusters(stack)) {
      for (const driver of DRIVERS) {
        const enabled = read(cluster, 'storage_profile', driver.attribute);
        if (enabled.kind === 'unknown') violations.push(cannotVerify(cluster, enabled, `that the ${driver.name} is on`));
        else if (enabled.kind === 'value' && isFalse(enabled.value)) {
          violations.push({ address: cluster.address, path: enabled.path, message: `storage_profile.${driver.attribute} is ${show(enabled.value)}: the ${driver.classes} storage classes need the ${driver.name}; set it to true` });
        }
      }
    }
    return violations;
  },
};
