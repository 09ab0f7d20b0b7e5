#!/usr/bin/env node
// Runs the compiled command line (npm install builds it through the "prepare" script): the single-file bundle
// that "npm run build" makes (scripts/bundle-cli.js: faster start-up), unless tsc has emitted since (a `tsc` run
// after the last full build: its build-info file is newer), otherwise the compiled modules.
//
// The bundle starts from the V8 code cache that the build made for it, in place, when the build ran on this very
// Node (see runBundle); else, on a Node that has one (22.1 and later), from Node's own compile cache; else (an
// installed package on Node 20) from the cache that an earlier run wrote for this user (see userCodeCache).
// CXUNIT_DEBUG_STARTUP=1 says on stderr which of these ran, and whether V8 accepted the code cache;
// CXUNIT_CODE_CACHE=off runs without the user's cache and writes none.
'use strict';
const path = require('path');
const fs = require('fs');
const dist = path.join(__dirname, '..', 'dist');
const compiled = path.join(dist, 'bin', 'cli.js');
const bundleFile = path.join(dist, 'bin', 'cxunit.bundle.js');
const codeCacheFile = path.join(dist, 'bin', 'cxunit.bundle.cache');
const debug = process.env.CXUNIT_DEBUG_STARTUP === '1' ? (message) => process.stderr.write(`cxunit startup: ${message}\n`) : () => {};

// A check is a short run over many small inputs: V8's optimizing compiler, on its default budget, compiles a
// hundred and fifty functions that are then called a few hundred times, and the whole run pays for it. With a
// larger budget only the loops that stay hot are optimized (bench/policy.js, medians: the 100-unit estate
// about 12% faster, the 10 MB plan unchanged; 500000 was 3% slower on the estate, 2000000 and above slower on
// the plan). Set before any of cxunit is compiled; the code cache is made under the same flag.
try {
  require('v8').setFlagsFromString('--interrupt-budget=1000000');
} catch {
  // a Node that freezes its flags after start-up runs with its defaults
}

if (!fs.existsSync(compiled)) {
  process.stderr.write('cxunit is not built: run "npm run build" (npm install does it for you)\n');
  process.exit(2);
}
const bundle = fs.statSync(bundleFile, { throwIfNoEntry: false });
// The packed package has no build-info file: its bundle is the build's.
const lastEmit = fs.statSync(path.join(dist, '.tsbuildinfo'), { throwIfNoEntry: false });
if (bundle && (!lastEmit || bundle.mtimeMs >= lastEmit.mtimeMs)) {
  runBundle(bundleFile, codeCacheFile);
} else {
  debug(`running the compiled modules (${bundle ? 'tsc emitted after the bundle was made' : 'there is no bundle'})`);
  require(compiled);
}

/**
 * Runs the bundle as require() would (a module whose parent is this one, with its own __filename and
 * __dirname, node_modules looked up from its directory for the dependencies left out of it, the same
 * require.main), compiled with the code cache that the build wrote: compiling the bundle, and the functions
 * a check compiles lazily, is about 20 ms of a 130 ms start-up (bench/policy.js).
 *
 * V8 checks that a cache comes from the same V8 version and flags, but of the source only its length; its
 * version check misses Node's own patches to V8 (Node 20.11 accepts a cache made by Node 20.20, then crashes);
 * and Node 20's V8 keeps the file name the cache was made under, so a cache moved elsewhere (an installed
 * tarball) would name the build's path in every stack trace. So the cache's first line records the bundle's
 * path, its size and modification time (bundleStamp) and the Node that made it (runtimeKey), and it is used
 * only when all three are this bundle's and this Node's: a build in place (this repository, CI, an `npm install` of a directory, which
 * links it). A cache that V8 still refuses (other V8 flags, a damaged file: cachedDataRejected) is ignored,
 * and the bundle compiles from source as it would without one.
 */
function runBundle(file, cacheFile) {
  const Module = require('module');
  const writingBuildCache = process.env.CXUNIT_WRITE_CODE_CACHE === '1';
  let cache = readCodeCache(file, cacheFile);
  let userCache;
  if (!cache.data && !writingBuildCache) {
    if (typeof Module.enableCompileCache === 'function') {
      debug(`running the bundle with Node's compile cache (${cache.reason})`);
      Module.enableCompileCache();
      require(file);
      return;
    }
    userCache = userCodeCache(file);
    if (userCache.file) {
      const own = readCodeCache(file, userCache.file);
      cache = own.data ? { ...own, yours: true } : { reason: `${cache.reason}; your code cache: ${own.reason}` };
    } else {
      cache = { reason: `${cache.reason}; ${userCache.reason}` };
    }
  }
  const bundleBytes = fs.readFileSync(file);
  const source = bundleBytes.toString('utf8');
  const script = new (require('vm').Script)(Module.wrap(source), { filename: file, cachedData: cache.data });
  const which = cache.yours ? 'your code cache' : 'the code cache';
  if (!cache.data) debug(`running the bundle without a code cache (${cache.reason})`);
  else debug(`running the bundle with ${which}: ${script.cachedDataRejected ? 'rejected by V8, compiled from source' : 'accepted'}`);
  const writeCache = (target) => {
    const madeFor = JSON.stringify({ bundle: file, bundleStamp: bundleStamp(fs.statSync(file)), node: runtimeKey() });
    writeAtomically(target, Buffer.concat([Buffer.from(`${madeFor}\n`), script.createCachedData()]));
  };
  // The build (scripts/bundle-cli.js) runs a check with this set: the cache then holds what a check compiled.
  if (writingBuildCache) process.on('exit', () => writeCache(cacheFile));
  else if (userCache?.file && (!cache.data || script.cachedDataRejected) && process.argv[2] === 'check') {
    // Written once, by a check (a cache holds what its run compiled: `cxunit --version` would make one that serves
    // a check little) when it is done; a failure only costs the next run its speed.
    process.on('exit', () => {
      try {
        writeCache(userCache.file);
      } catch (error) {
        debug(`could not write your code cache ${userCache.file}: ${error.message}`);
      }
    });
  }

  const bundleModule = new Module(file, module);
  bundleModule.filename = file;
  bundleModule.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = bundleModule;
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, Module.createRequire(file), bundleModule, file, path.dirname(file));
  bundleModule.loaded = true;
}

/**
 * Where this user's code cache of the bundle lives, or why there is none: a directory of the user's own (not
 * writable by others: V8 runs what a code cache holds) under the temporary directory, or CXUNIT_CACHE_DIR; one
 * file per bundle path. Made for an installed package on Node 20, whose bundle has no build cache (the build's
 * cache is not shipped: it would name the build machine's path, see runBundle).
 */
function userCodeCache(file) {
  if (process.env.CXUNIT_CODE_CACHE === 'off') return { reason: 'CXUNIT_CODE_CACHE=off' };
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = process.env.CXUNIT_CACHE_DIR || path.join(require('os').tmpdir(), uid === undefined ? 'cxunit-code-cache' : `cxunit-code-cache-${uid}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) {
      return { reason: `${dir} is not a directory of yours that only you can write to, so no code cache is read from it or written to it` };
    }
  } catch (error) {
    return { reason: `no code cache directory: ${error.message}` };
  }
  // FNV-1a of the bundle's path: a name per installed copy, without loading a hash module.
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) hash = Math.imul(hash ^ file.charCodeAt(i), 0x01000193) >>> 0;
  return { file: path.join(dir, `bundle-${hash.toString(16).padStart(8, '0')}.cache`) };
}

/** The cached data (and the bundle's bytes, read to check them) when the cache was made for this bundle by this Node; else why not. */
function readCodeCache(file, cacheFile) {
  let content;
  try {
    content = fs.readFileSync(cacheFile);
  } catch {
    return { reason: `${path.basename(cacheFile)} is missing` };
  }
  const lineEnd = content.indexOf(10);
  let madeFor;
  try {
    madeFor = JSON.parse(content.toString('utf8', 0, lineEnd));
  } catch {
    return { reason: `${path.basename(cacheFile)} does not start with the line that says what it was made for` };
  }
  if (madeFor?.bundle !== file) return { reason: `the code cache was made for the bundle at ${madeFor?.bundle}, whose path its stack traces would show` };
  const runtime = runtimeKey();
  if (madeFor.node !== runtime) return { reason: `the code cache was made by ${madeFor.node}, not by this ${runtime}` };
  if (madeFor.bundleStamp !== bundleStamp(fs.statSync(file))) return { reason: 'the code cache was made from another bundle (its size or modification time differs)' };
  return { data: content.subarray(lineEnd + 1) };
}

/**
 * Which bundle a cache was made from: its size and modification time, as Python's timestamp-based .pyc files
 * record their source. The build writes the bundle, then its cache; any later write changes the time. A digest
 * of the bundle's bytes cost about 2 ms of every start (loading zlib or OpenSSL), for a case (a bundle rewritten
 * with the same length and its old time restored) that only a deliberate act makes.
 */
function bundleStamp(stat) {
  return `${stat.size} bytes, modified ${new Date(stat.mtimeMs).toISOString()}`;
}

/**
 * The Node that runs: its version, platform and architecture, its V8 with Node's patch level, and the size of
 * its binary (a build of the same version by a distribution or Homebrew may differ).
 */
function runtimeKey() {
  const binary = fs.statSync(process.execPath, { throwIfNoEntry: false });
  return `node ${process.version} ${process.platform}-${process.arch} V8 ${process.versions.v8} binary ${binary ? binary.size : 'unknown'} bytes`;
}

function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}
