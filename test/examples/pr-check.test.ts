import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { cxunit, ROOT } from '../helpers/cli';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}

const workflow = parse(fs.readFileSync(path.join(ROOT, 'examples/github-actions/pr-check.yml'), 'utf8'));
const steps: Step[] = workflow.jobs.policies.steps;
const commands = steps.flatMap((s) => (s.run ?? '').split('\n').map((line) => line.trim()).filter(Boolean));
const examplePackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/platform-repo/package.json'), 'utf8'));

describe('examples/github-actions/pr-check.yml (scripts/try-example.js runs the example app itself)', () => {
  it('installs, synthesizes, runs Jest and cxunit check, in that order', () => {
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'npm ci', 'npm run synth', 'npx jest --ci', 'mkdir -p reports', 'npx cxunit check', 'npx cxunit check', 'npx cxunit check',
    ]);
    expect(steps.filter((s) => s.uses).map((s) => s.uses)).toEqual([
      'actions/checkout@v4', 'actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3', 'mikepenz/action-junit-report@v4',
    ]);
  });

  it('runs only npm scripts that the example platform repo defines', () => {
    for (const command of commands.filter((c) => c.startsWith('npm run '))) {
      expect(Object.keys(examplePackage.scripts)).toContain(command.split(' ')[2]);
    }
  });

  it('uploads the files that its cxunit check commands write', () => {
    const written = commands.flatMap((c) => /--output (\S+)/.exec(c)?.[1] ?? []);
    expect(written).toEqual(['reports/cxunit.sarif', 'reports/cxunit.xml']);
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe(written[0]);
    expect(steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report'))?.with?.report_paths).toBe(written[1]);
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', checks: 'write' });
  });

  describe('its cxunit check commands, run for real on a cdktf.out with findings', () => {
    let cwd: string;
    beforeAll(() => {
      cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-pr-check-'));
      fs.cpSync(path.join(ROOT, 'test/fixtures/policy/inputs/cdktf-out'), path.join(cwd, 'cdktf.out'), { recursive: true });
      fs.mkdirSync(path.join(cwd, 'reports'));
    });
    afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

    it('write SARIF and JUnit, and fail the last step with annotations', () => {
      const checks = commands.filter((c) => c.startsWith('npx cxunit check')).map((c) => c.replace(/ \|\| true$/, '').split(' ').slice(2));
      const results = checks.map((args) => cxunit(args, { cwd }));
      expect(results.map((r) => r.status)).toEqual([1, 1, 1]);
      expect(JSON.parse(fs.readFileSync(path.join(cwd, 'reports/cxunit.sarif'), 'utf8')).version).toBe('2.1.0');
      expect(fs.readFileSync(path.join(cwd, 'reports/cxunit.xml'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
      expect(results[2].stdout).toMatch(/^::error file=cdktf.out\/stacks\/u1\/cdk.tf.json,line=\d+,col=\d+,title=gke\./);
    });
  });
});
