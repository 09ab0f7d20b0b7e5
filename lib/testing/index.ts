/**
 * `cxunit/testing`: the Jest way to run the rules. Importing it registers the matchers on Jest's
 * `expect` and brings their TypeScript declarations (`expect(stack).toPassPolicy(id)`).
 */
export { policySuite } from './policy';
export type { PolicySuiteOptions, PolicySuiteSource } from './policy';
export { asStackInput, policyMatchers } from './matchers';
export type { PassPolicyOptions } from './matchers';
