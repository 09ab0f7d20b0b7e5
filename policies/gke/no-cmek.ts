import { Rule, TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read, resourcesOf } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, isNonEmptyString, isUnresolvedReference, show } from '../shared/findings';
import { kubernetesObjects, readField, STORAGE_CLASS_TYPES } from '../shared/kubernetes-objects';
import { nodeConfigSites } from '../shared/node-pools';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const noCmek: Rule = {
  id: 'gke.no-cmek',
  pack: 'gke',
  title: 'No customer-managed encryption keys (CMEK)',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "Customer-Managed Keys (CMKs) are not supported." The rule looks wherever a '
    + 'unit can name a Cloud KMS key: cluster application-layer secrets encryption (`database_encryption`), node boot '
    + 'disks (`node_config.boot_disk_kms_key` on the default pool, inline pools, node pool resources and node '
    + 'auto-provisioning defaults), Compute Engine disks (`disk_encryption_key.kms_key_self_link`), Filestore instances '
    + '(`kms_key_name`) and StorageClass parameters that pass a key to a CSI driver (any parameter whose name contains '
    + '"kms", e.g. `disk-encryption-kms-key`, `instance-encryption-kms-key`). A key attribute set to an unresolved '
    + '`${...}` reference names a key, so it is a violation, not "cannot verify"; so is a value unknown until apply in '
    + 'a plan whose argument refers to a `google_kms_crypto_key` (the plan\'s configuration says so). An expression '
    + 'that may also yield no key (`lookup(…, "boot_disk_kms_key", "")`, `try(…)`, a conditional, a literal "" or '
    + 'null inside) cannot be verified; an empty string and null are no key.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove the key attributes and let Google-managed encryption apply (`database_encryption.state = '
    + '"DECRYPTED"` or no `database_encryption` block). Changing a disk\'s or Filestore instance\'s key replaces it.',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    const keyAttribute = (resource: TerraformResource, steps: PathStep[], subject: string, relative: PathStep[] = steps) => {
      const key = read(resource, ...steps);
      const attribute = describeSteps(relative);
      if (key.kind === 'unknown') {
        const expression = isUnresolvedReference(key) ? key.reason.replace(/^unresolved reference /, '') : undefined;
        const keyReference = expression !== undefined ? (mayYieldNoKey(expression) ? undefined : expression) : kmsReferenceInPlan(resource, steps);
        violations.push(keyReference
          ? { address: resource.address, path: key.path, message: `${subject} sets ${attribute} to a key (${keyReference}): customer-managed keys are not supported; remove it` }
          : cannotVerify(resource, key, `that ${subject} uses no customer-managed key`));
      } else if (key.kind === 'value' && isNonEmptyString(key.value)) {
        violations.push({ address: resource.address, path: key.path, message: `${subject} sets ${attribute} = ${show(key.value)}: customer-managed keys are not supported; remove it` });
      }
    };

    for (const cluster of gkeClusters(stack)) {
      const state = read(cluster, 'database_encryption', 'state');
      if (state.kind === 'unknown') violations.push(cannotVerify(cluster, state, 'that secrets are not encrypted with a customer-managed key'));
      else if (state.kind === 'value' && String(state.value).toUpperCase() === 'ENCRYPTED') {
        violations.push({ address: cluster.address, path: state.path, message: 'database_encryption.state is "ENCRYPTED": application-layer secrets encryption uses a customer-managed key, which is not supported; remove database_encryption' });
      } else {
        keyAttribute(cluster, ['database_encryption', 'key_name'], 'the cluster');
      }
      keyAttribute(cluster, ['cluster_autoscaling', 'auto_provisioning_defaults', 'boot_disk_kms_key'], 'node auto-provisioning');
    }
    for (const site of nodeConfigSites(stack)) {
      keyAttribute(site.resource, [...site.at, 'node_config', 'boot_disk_kms_key'], site.description, ['node_config', 'boot_disk_kms_key']);
    }
    for (const disk of resourcesOf(stack, 'google_compute_disk', 'google_compute_region_disk')) {
      keyAttribute(disk, ['disk_encryption_key', 'kms_key_self_link'], `disk ${disk.address}`);
    }
    for (const filestore of resourcesOf(stack, 'google_filestore_instance')) {
      keyAttribute(filestore, ['kms_key_name'], `Filestore instance ${filestore.address}`);
    }

    const { objects, unreadable } = kubernetesObjects(stack, ['StorageClass'], STORAGE_CLASS_TYPES);
    for (const { resource, read: kind } of unreadable) violations.push(cannotVerify(resource, kind, 'that the manifest is not a StorageClass with a KMS key'));
    for (const storageClass of objects) {
      const parameters = readField(storageClass, ['parameters']);
      if (parameters.kind === 'unknown') {
        violations.push(cannotVerify(storageClass.resource, parameters, 'that the StorageClass passes no KMS key'));
        continue;
      }
      if (parameters.kind !== 'value' || typeof parameters.value !== 'object') continue;
      for (const name of Object.keys(parameters.value as object).filter((p) => p.toLowerCase().includes('kms'))) {
        keyAttribute(storageClass.resource, [...storageClass.at, 'parameters', name], `StorageClass ${storageClass.resource.address}`, ['parameters', name]);
      }
    }
    return violations;
  },
};

/**
 * Whether an expression can evaluate to "no key": a lookup or try with a fallback, a conditional, coalesce,
 * or a literal "" or null inside (`${lookup(each.value, "boot_disk_kms_key", "")}` in public GKE modules).
 */
function mayYieldNoKey(expression: string): boolean {
  return /\b(lookup|try|coalesce|can)\s*\(|\?|""|\bnull\b/.test(expression);
}

/**
 * In a plan, the Cloud KMS key an unknown key attribute will hold: the plan's configuration records what
 * each top-level argument refers to, and only key attributes refer to a `google_kms_crypto_key`.
 */
function kmsReferenceInPlan(resource: TerraformResource, steps: readonly PathStep[]): string | undefined {
  const argument = steps.find((step): step is string => typeof step === 'string');
  return argument === undefined ? undefined : resource.references?.[argument]?.find((r) => /^(module\.[^.]+\.)*google_kms_crypto_key\.[^.]+\.id$/.test(r))
    ?? resource.references?.[argument]?.find((r) => /^(module\.[^.]+\.)*google_kms_crypto_key\./.test(r));
}
