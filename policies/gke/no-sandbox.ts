import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, isNonEmptyString, readBlock, show } from '../shared/findings';
import { nodeConfigSites } from '../shared/node-pools';
import { gkeNotApplicable } from '../shared/applicability';

export const noSandbox: Rule = {
  id: 'gke.no-sandbox',
  pack: 'gke',
  title: 'No GKE Sandbox (gVisor) node pools',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "GKE Sandbox (gVisor virtualized kernel) ... not supported." The cdktf 6.50 '
    + 'bindings cannot express Sandbox, so the rule reads the JSON shapes of both providers: google-beta\'s '
    + '`node_config.sandbox_config { sandbox_type = "gvisor" }` (and its API spelling `type`), and the older flat '
    + '`node_config.sandbox_type`, on the cluster\'s default pool, its inline pools and every node pool resource.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove `sandbox_config` (and `sandbox_type`) from every `node_config`, including raw overrides added '
    + 'with addOverride. Sandbox cannot be removed from an existing pool: the pool is replaced.',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const site of nodeConfigSites(stack)) {
      const { resource, at } = site;
      const block = readBlock(resource, ...at, 'node_config', 'sandbox_config');
      if (block.kind === 'unknown') violations.push(cannotVerify(resource, block, `that ${site.description} runs without GKE Sandbox`));
      else if (block.kind === 'value') {
        const type = [read(resource, ...at, 'node_config', 'sandbox_config', 'sandbox_type'), read(resource, ...at, 'node_config', 'sandbox_config', 'type')]
          .find((r) => r.kind !== 'absent');
        if (type?.kind === 'value') {
          const field = type.path.endsWith('.type') ? 'type' : 'sandbox_type';
          violations.push({ address: resource.address, path: type.path, message: `${site.description} sets ${describeSteps(['node_config', 'sandbox_config', field])} = ${show(type.value)}: GKE Sandbox is not supported; remove sandbox_config` });
        } else {
          // A sandbox_config block whose type is unreadable or missing still asks for GKE Sandbox.
          violations.push({ address: resource.address, path: block.path, message: `${site.description} sets node_config.sandbox_config: GKE Sandbox is not supported; remove sandbox_config` });
        }
      }
      const flat = read(resource, ...at, 'node_config', 'sandbox_type');
      if (flat.kind === 'unknown') violations.push(cannotVerify(resource, flat, `that ${site.description} runs without GKE Sandbox`));
      else if (flat.kind === 'value' && isNonEmptyString(flat.value)) {
        violations.push({ address: resource.address, path: flat.path, message: `${site.description} sets node_config.sandbox_type = ${show(flat.value)}: GKE Sandbox is not supported; remove sandbox_type` });
      }
    }
    return violations;
  },
};
