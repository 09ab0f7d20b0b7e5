import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { enforceUnitPolicies } from './policy-enforcement';

/** Stacks that hold a unit, whatever its cloud: a unit's metadata ("//".cxunit) and Kubernetes provider are per stack. */
const STACKS_WITH_A_UNIT = new WeakSet<TerraformStack>();

/**
 * A unit (GkeUnit, AksUnit) takes its stack: a second unit of either cloud in the same stack is refused,
 * and the policies are enforced on the stack unless the unit opted out.
 */
export function claimUnitStack(unit: IConstruct, enforcePolicies: boolean): void {
  const stack = TerraformStack.of(unit);
  if (STACKS_WITH_A_UNIT.has(stack)) {
    throw new Error(`stack "${stack.node.id}" already holds a unit: put each unit in its own stack (a unit's metadata and Kubernetes provider are per stack)`);
  }
  STACKS_WITH_A_UNIT.add(stack);
  enforceUnitPolicies(unit, enforcePolicies);
}
