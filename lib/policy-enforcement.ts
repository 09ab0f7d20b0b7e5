import * as path from 'path';
import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnforcePoliciesOptions, PolicyAspect } from './policy-aspect';

/**
 * Registers the rules on a stack at most once, and makes sure that registering them cannot silently do
 * nothing. cdktf keeps a stack's aspects under a symbol private to each copy of the cdktf package: when
 * an app loads two copies (cxunit installed from a checkout or with `npm link`, each with its own
 * node_modules/cdktf), the app's copy synthesizes the stack and never sees an aspect registered through
 * cxunit's copy. Construct validations and annotations live on the construct itself and are read by
 * every copy, so a validation on the stack checks that the rules ran, and synthesis fails when they did
 * not.
 */

class StackEnforcement implements IAspect {
  /** Set when cdktf invoked the aspect on the stack: the rules ran on its final JSON. */
  ran = false;
  private aspect: PolicyAspect;

  constructor(readonly stack: TerraformStack, options: EnforcePoliciesOptions) {
    this.aspect = new PolicyAspect(stack, options);
  }

  /** New options; made now, so that a bad rules module fails where enforcePolicies is called, not mid-synthesis. */
  configure(options: EnforcePoliciesOptions): void {
    this.aspect = new PolicyAspect(this.stack, options);
  }

  visit(node: IConstruct): void {
    if (node !== this.stack) return;
    this.ran = true;
    this.aspect.visit(node);
  }
}

const enforcements = new WeakMap<IConstruct, StackEnforcement>();

/**
 * Evaluates the rules on the stack's final JSON at synth time: every unsuppressed error finding becomes
 * an error annotation on the construct that made the resource (warnings become warnings), so
 * `cdktf synth` fails naming the rule, the resource and the fix. Calling it again on the same stack
 * replaces the options (the rules run once per stack); a GkeUnit calls it for its own stack.
 */
export function enforcePolicies(stack: TerraformStack, options: EnforcePoliciesOptions = {}): void {
  const existing = enforcements.get(stack);
  if (existing) {
    existing.configure(options);
    return;
  }
  const enforcement = new StackEnforcement(stack, options);
  enforcements.set(stack, enforcement);
  const foreign = !(stack instanceof TerraformStack);
  // Registered through this copy of cdktf: invoked only when this copy synthesizes the stack.
  Aspects.of(stack).add(enforcement);
  stack.node.addValidation({ validate: () => (enforcement.ran ? [] : [notEnforcedMessage(stack, foreign)]) });
  // Annotations are read by every copy, and also when the app skips validations (App({ skipValidation })).
  if (foreign) Annotations.of(stack).addError(notEnforcedMessage(stack, foreign));
}

/**
 * A unit's part: the rules run on the stack that holds `unit` unless the unit opted out
 * (`enforcePolicies: false`). Several units in one stack register the rules once.
 */
export function enforceUnitPolicies(unit: IConstruct, enabled: boolean): void {
  if (!enabled) return;
  const stack = TerraformStack.of(unit);
  if (!enforcements.has(stack)) enforcePolicies(stack);
}

function notEnforcedMessage(stack: TerraformStack, foreign: boolean): string {
  const cause = foreign
    ? `two copies of cdktf are loaded (the app's ${cdktfCopyOf(stack) ?? 'copy'} and cxunit's ${ownCdktfDir()}), and cdktf runs only the aspects registered through its own copy`
    : 'cdktf did not invoke its aspects on the stack before validating it';
  return `cxunit: the policies cannot be enforced on stack "${stack.node.id}": ${cause}. `
    + 'Install cxunit from its package (npm install cxunit, or the .tgz that npm pack writes) rather than from a checkout or with npm link, '
    + 'or make npm install a single cdktf (npm dedupe; "overrides" in package.json), then synthesize again. '
    + 'To synthesize without the policies, pass enforcePolicies: false to the unit.';
}

function ownCdktfDir(): string {
  return path.dirname(path.dirname(require.resolve('cdktf')));
}

/** The directory of the cdktf copy whose TerraformStack made `stack`, when Node's module cache shows it. */
function cdktfCopyOf(stack: TerraformStack): string | undefined {
  for (const [file, loaded] of Object.entries(require.cache ?? {})) {
    const exported = (loaded?.exports as { TerraformStack?: unknown } | undefined)?.TerraformStack;
    if (typeof exported === 'function' && stack instanceof exported && exported !== TerraformStack) return path.dirname(path.dirname(file));
  }
  return undefined;
}
