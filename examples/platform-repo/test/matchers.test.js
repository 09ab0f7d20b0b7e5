const path = require('path');
const { loadStacks } = require('cxunit/policy');
require('cxunit/testing/matchers');

describe('the euw4 unit', () => {
  const [stack] = loadStacks([path.join('cdktf.out', 'stacks', 'euw4')]);

  it('opens exactly the documented flows', () => {
    expect(stack).toOpenExactlyDocumentedPorts();
  });

  it('has the general and real-time node pools, and no Autopilot', () => {
    expect(stack).toHaveResourceCount('google_container_node_pool', 2);
    expect(stack).toPassPolicy('gke.no-autopilot');
  });
});
