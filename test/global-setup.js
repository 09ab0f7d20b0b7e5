// The command-line tests run the real compiled `cxunit` in a subprocess, so compile once before them.
// A type error does not stop the run (tsc still emits): `npm run typecheck` is CI's separate gate for that.
const { spawnSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  const root = path.join(__dirname, '..');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(`\n[global-setup] the build reported errors (tests continue; run npm run typecheck):\n${result.stdout}${result.stderr}\n`);
};
