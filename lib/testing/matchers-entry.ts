/**
 * `cxunit/testing/matchers`: the Jest matchers alone. Importing it registers them on Jest's `expect`
 * and brings their TypeScript declarations.
 */
export { policyMatchers } from './matchers';
