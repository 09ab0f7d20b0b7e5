#!/usr/bin/env node
// Runs the compiled command line (npm install builds it through the "prepare" script).
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'dist', 'bin', 'cli.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('cxunit is not built: run "npm run build" (npm install does it for you)\n');
  process.exit(2);
}
require(compiled);
