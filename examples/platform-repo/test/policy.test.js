// Plain Jest, no transform settings: cxunit/testing is compiled JavaScript.
// Run after synthesis (npm run synth): one describe per stack of cdktf.out, one test per rule.
const { policySuite } = require('cxunit/testing');

policySuite('cdktf.out', { suppressionsFile: 'cxunit-suppressions.yaml' });
