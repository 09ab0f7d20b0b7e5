#!/usr/bin/env node
// Runs the compiled command line (npm install builds it through the "prepare" script): the single-file bundle
// that "npm run build" makes (scripts/bundle-cli.js: faster start-up), unless tsc has emitted since (a `tsc` run
// after the last full build: its build-info file is newer), otherwise the compiled modules.
const path = require('path');
const fs = require('fs');
const dist = path.join(__dirname, '..', 'dist');
const compiled = path.join(dist, 'bin', 'cli.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('cxunit is not built: run "npm run build" (npm install does it for you)\n');
  process.exit(2);
}
const bundle = fs.statSync(path.join(dist, 'bin', 'cxunit.bundle.js'), { throwIfNoEntry: false });
// The packed package has no build-info file: its bundle is the build's.
const lastEmit = fs.statSync(path.join(dist, '.tsbuildinfo'), { throwIfNoEntry: false });
require(bundle && (!lastEmit || bundle.mtimeMs >= lastEmit.mtimeMs) ? path.join(dist, 'bin', 'cxunit.bundle.js') : compiled);
