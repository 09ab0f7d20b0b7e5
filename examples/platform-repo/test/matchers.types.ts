// Type-checked by tsc (npm run build), never run by Jest: importing cxunit/testing gives Jest's
// `expect` the matchers' declarations.
import type { StackInput } from 'cxunit/policy';
import 'cxunit/testing';

export function expectCompliantUnit(stack: StackInput): void {
  expect(stack).toPassPolicy('gke.no-autopilot');
  expect(stack).toOpenExactlyDocumentedPorts();
  expect(stack).toHaveResourceCount('google_container_node_pool', 2);
  // @ts-expect-error: a rule id is required
  expect(stack).toPassPolicy();
}
