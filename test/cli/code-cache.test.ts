import { spawnSync } from 'child_process';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import { ALL_RULES } from '../../policies';
import { ROOT } from '../helpers/cli';

/**
 * The V8 code cache of the command line's bundle (bin/cxunit.js runBundle, made by scripts/bundle-cli.js):
 * used for the bundle it was made for, where it was made, on the Node that made it, and otherwise ignored
 * without changing what the command does. Each test runs the real bin/cxunit.js in a subprocess; those that
 * change the bundle or the cache do it in a copy of the built package (bin/, dist/ without tsc's build info,
 * the catalog data, package.json), whose cache is made there the way the build makes it.
 */

// A GKE unit with findings (other than network.*): the cached text reporter prints its lines.
const UNIT = path.join(ROOT, 'test/fixtures/policy/network/compliant/cdk.tf.json');
const ACCEPTED = 'cxunit startup: running the bundle with the code cache: accepted\n';
const WITHOUT = (reason: string) => new RegExp(`^cxunit startup: running the bundle (without a code cache|with Node's compile cache) \\(${escape(reason)}(; CXUNIT_CODE_CACHE=off)?\\)\n$`);

let work: string;
let pkg: string;
let bundleFile: string;
let cacheFile: string;
let builtCache: Buffer;
let cacheContent: Buffer;
let uncached: { status: number | null; stdout: string };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function run(bin: string, args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    // The user's code cache (for a bundle without the build's) is off unless a test turns it on, in its own directory.
    env: { ...process.env, NO_COLOR: '1', CXUNIT_DEBUG_STARTUP: '1', CXUNIT_CODE_CACHE: 'off', CXUNIT_CACHE_DIR: path.join(work, 'user-cache'), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const inCopy = (args: readonly string[], env: Record<string, string> = {}) => run(path.join(pkg, 'bin', 'cxunit.js'), args, env);

/** The cache's first line (what it was made for) and the V8 data after it. */
function cacheParts(content: Buffer): { madeFor: { bundle: string; bundleStamp: string; node: string }; data: Buffer } {
  const lineEnd = content.indexOf(10);
  return { madeFor: JSON.parse(content.toString('utf8', 0, lineEnd)), data: content.subarray(lineEnd + 1) };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-code-cache-'));
  pkg = path.join(work, 'cxunit');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'bin', 'cxunit.js'), path.join(pkg, 'bin', 'cxunit.js'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(pkg, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
  fs.cpSync(path.join(ROOT, 'lib', 'architecture', 'data'), path.join(pkg, 'lib', 'architecture', 'data'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  // yaml and ajv, which the bundle leaves out, resolve from node_modules above it as in an installed package
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  bundleFile = path.join(pkg, 'dist', 'bin', 'cxunit.bundle.js');
  cacheFile = path.join(pkg, 'dist', 'bin', 'cxunit.bundle.cache');
  builtCache = fs.readFileSync(cacheFile);

  fs.rmSync(cacheFile);
  const { status, stdout } = inCopy(['check', UNIT], { CXUNIT_DEBUG_STARTUP: '0' });
  uncached = { status, stdout };
  // as scripts/bundle-cli.js makes it
  const make = inCopy(['check', UNIT, '--output', path.join(work, 'report.txt')], { CXUNIT_DEBUG_STARTUP: '0', CXUNIT_WRITE_CODE_CACHE: '1' });
  if (make.status !== 1) throw new Error(`making the cache failed: ${make.stderr}`);
  cacheContent = fs.readFileSync(cacheFile);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

afterEach(() => {
  fs.writeFileSync(cacheFile, cacheContent);
});

describe('the code cache of the bundle', () => {
  it('is made by the build, in place, for this Node, and V8 accepts it', () => {
    expect(cacheParts(builtCache).madeFor).toMatchObject({
      bundle: path.join(ROOT, 'dist', 'bin', 'cxunit.bundle.js'),
      node: `node ${process.version} ${process.platform}-${process.arch} V8 ${process.versions.v8} binary ${fs.statSync(process.execPath).size} bytes`,
    });
    const result = run(path.join(ROOT, 'bin', 'cxunit.js'), ['check', UNIT]);
    expect(result).toEqual({ ...uncached, stderr: ACCEPTED });
  });

  it('the uncached run the others are compared with reports the fixture\'s findings', () => {
    expect(uncached.status).toBe(1);
    expect(uncached.stdout).toContain('\n    reference: ');
    expect(uncached.stdout).toMatch(new RegExp(`\n1 stack, ${ALL_RULES.length} rules: \\d+ errors, 0 warnings, 0 suppressed\n$`));
  });

  it('is accepted in the copy where it was made', () => {
    expect(inCopy(['check', UNIT])).toEqual({ ...uncached, stderr: ACCEPTED });
  });

  it('is not used where it was not made: Node 20 would show the build\'s path in stack traces', () => {
    fs.writeFileSync(cacheFile, builtCache);
    const result = inCopy(['check', UNIT]);
    expect(result).toMatchObject(uncached);
    expect(result.stderr).toMatch(WITHOUT(`the code cache was made for the bundle at ${path.join(ROOT, 'dist', 'bin', 'cxunit.bundle.js')}, whose path its stack traces would show`));
  });

  it('runs the same without the cache (missing)', () => {
    fs.rmSync(cacheFile);
    const result = inCopy(['check', UNIT]);
    expect(result).toMatchObject(uncached);
    expect(result.stderr).toMatch(WITHOUT('cxunit.bundle.cache is missing'));
  });

  it('ignores a cache that does not start with the line saying what it was made for', () => {
    fs.writeFileSync(cacheFile, Buffer.alloc(4096, 0xab));
    const result = inCopy(['check', UNIT]);
    expect(result).toMatchObject(uncached);
    expect(result.stderr).toMatch(WITHOUT('cxunit.bundle.cache does not start with the line that says what it was made for'));
  });

  it('compiles from source when V8 refuses the data: truncated, or not a V8 cache', () => {
    const { data } = cacheParts(cacheContent);
    const firstLine = cacheContent.subarray(0, cacheContent.length - data.length);
    for (const damaged of [data.subarray(0, data.length / 2), Buffer.alloc(data.length, 0)]) {
      fs.writeFileSync(cacheFile, Buffer.concat([firstLine, damaged]));
      expect(inCopy(['check', UNIT])).toEqual({ ...uncached, stderr: 'cxunit startup: running the bundle with the code cache: rejected by V8, compiled from source\n' });
    }
  });

  it('ignores a cache made by another Node (V8 accepts some across Node releases, and then crashes)', () => {
    const { madeFor, data } = cacheParts(cacheContent);
    const other = { ...madeFor, node: madeFor.node.replace(process.version, 'v20.11.1') };
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${JSON.stringify(other)}\n`), data]));
    const result = inCopy(['check', UNIT]);
    expect(result).toMatchObject(uncached);
    expect(result.stderr).toMatch(WITHOUT(`the code cache was made by ${other.node}, not by this ${madeFor.node}`));
  });

  it('is not used for a changed bundle, even one of the same length (V8 compares only the length)', () => {
    const original = fs.readFileSync(bundleFile, 'utf8');
    const built = fs.statSync(bundleFile);
    // a line of each finding, which the cache holds compiled: with it, the old text would be printed
    const [before, after] = ['    reference: ', '    REFERENCE: '];
    expect(original.split(`\`${before}`)).toHaveLength(2);
    fs.writeFileSync(bundleFile, original.replace(`\`${before}`, `\`${after}`));
    try {
      const result = inCopy(['check', UNIT]);
      expect(result).toMatchObject({ status: uncached.status, stdout: uncached.stdout.split(before).join(after) });
      expect(result.stderr).toMatch(WITHOUT('the code cache was made from another bundle (its size or modification time differs)'));
    } finally {
      // the same bytes and time again, so that the cache fits it for the tests after this one
      fs.writeFileSync(bundleFile, original);
      fs.utimesSync(bundleFile, built.atimeMs / 1000, built.mtimeMs / 1000);
    }
  });

  it('runs the bundle as require() would: internal errors keep exit 3 and a stack in this bundle, lazy dependencies load', () => {
    const rules = path.join(work, 'exploding-rules.js');
    fs.writeFileSync(rules, 'exports.rules = [{ get id() { throw new TypeError("the id getter exploded"); } }];\n');
    const internal = inCopy(['check', UNIT, '--rules-module', rules]);
    expect(internal.status).toBe(3);
    expect(internal.stderr).toMatch(new RegExp(`^${escape(ACCEPTED)}cxunit: internal error: TypeError: the id getter exploded\n {4}at get id \\[as id\\] \\(${escape(rules)}:1:\\d+\\)\n`));
    expect(internal.stderr).toContain(` (${bundleFile}:`);
    expect(internal.stderr).not.toContain(ROOT);
    // validate-catalog parses the YAML with yaml and ajv, which the bundle requires from node_modules
    const validate = inCopy(['validate-catalog'], { CXUNIT_DEBUG_STARTUP: '0' });
    expect(validate).toMatchObject({ status: 0, stderr: '' });
    expect(validate.stdout).toMatch(/^catalog is valid: /);
  });
});

// Node 22.1 and later start an installed bundle from Node's own compile cache instead.
const nodeHasCompileCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

(nodeHasCompileCache ? describe.skip : describe)('your code cache, for a bundle without the build\'s (an installed package on Node 20)', () => {
  let dir: string;
  let count = 0;
  const asUser = (args: readonly string[]) => inCopy(args, { CXUNIT_CODE_CACHE: '', CXUNIT_CACHE_DIR: dir });
  const cacheFiles = () => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

  beforeEach(() => {
    dir = path.join(work, `user-cache-${count++}`);
    fs.rmSync(cacheFile);
  });

  it('is written by the first run, in a directory only you can write to, and starts the runs after it', () => {
    const first = asUser(['check', UNIT]);
    expect(first).toMatchObject(uncached);
    expect(first.stderr).toMatch(/^cxunit startup: running the bundle without a code cache \(cxunit\.bundle\.cache is missing; your code cache: bundle-[0-9a-f]{8}\.cache is missing\)\n$/);
    expect(cacheFiles()).toHaveLength(1);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(cacheParts(fs.readFileSync(path.join(dir, cacheFiles()[0]))).madeFor.bundle).toBe(bundleFile);
    for (let run = 0; run < 2; run++) expect(asUser(['check', UNIT])).toEqual({ ...uncached, stderr: 'cxunit startup: running the bundle with your code cache: accepted\n' });
  });

  it('is neither read nor written in a directory that others can write to (V8 runs what a cache holds)', () => {
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(dir, 0o777);
    const result = asUser(['check', UNIT]);
    expect(result).toMatchObject(uncached);
    expect(result.stderr).toMatch(WITHOUT(`cxunit.bundle.cache is missing; ${dir} is not a directory of yours that only you can write to, so no code cache is read from it or written to it`));
    expect(cacheFiles()).toEqual([]);
  });

  it('is made again when the bundle changed since', () => {
    asUser(['check', UNIT]);
    const [name] = cacheFiles();
    const { madeFor, data } = cacheParts(fs.readFileSync(path.join(dir, name)));
    fs.writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from(`${JSON.stringify({ ...madeFor, bundleStamp: 'an older bundle' })}\n`), data]));
    const stale = asUser(['check', UNIT]);
    expect(stale).toMatchObject(uncached);
    expect(stale.stderr).toMatch(WITHOUT(`cxunit.bundle.cache is missing; your code cache: the code cache was made from another bundle (its size or modification time differs)`));
    expect(asUser(['check', UNIT]).stderr).toBe('cxunit startup: running the bundle with your code cache: accepted\n');
  });

  it('is written by a check only: a cache holds what its run compiled, and `--version` compiles little', () => {
    expect(asUser(['--version']).status).toBe(0);
    expect(asUser(['rules']).status).toBe(0);
    expect(cacheFiles()).toEqual([]);
    asUser(['check', UNIT]);
    expect(cacheFiles()).toHaveLength(1);
  });

  it('is not used or written with CXUNIT_CODE_CACHE=off', () => {
    const result = inCopy(['check', UNIT], { CXUNIT_CACHE_DIR: dir });
    expect(result.stderr).toMatch(WITHOUT('cxunit.bundle.cache is missing; CXUNIT_CODE_CACHE=off'));
    expect(fs.existsSync(dir)).toBe(false);
  });
});
