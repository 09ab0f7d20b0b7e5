import * as fs from 'fs';
import * as path from 'path';

/**
 * Where a construct was created in the user's code: the first frame of its creation stack trace that is
 * outside node_modules, outside Node's internals and outside cxunit's own library. Shared by the constructs
 * (which record it in cdk.tf.json) and the policy engine (which reads it, and cdktf's `stackTrace` when
 * cdktf recorded one), so it loads neither cdktf nor the engine.
 */
export interface SourceSite {
  /** Relative to the working directory of synthesis when inside it (forward slashes), else absolute. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The construct path the site is the creation of; resources below it share the site. */
  readonly constructPath?: string;
}

/** cxunit's own code (its lib and compiled dist, wherever the package is installed): never the user's line. */
const OWN_DIRS = ownDirs();

function ownDirs(): string[] {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === 'cxunit') {
        return [path.join(dir, 'lib') + path.sep, path.join(dir, 'dist') + path.sep];
      }
    } catch {
      // an unreadable package.json is not ours; keep walking up
    }
  }
  return [__dirname + path.sep];
}

/** `new GkeUnit (/repo/main.ts:12:5)`, `/repo/main.ts:12:5`, `Object.<anonymous> (file:///repo/main.js:3:1)`, with or without `at `. */
const FRAME = /^\s*(?:at\s+)?(?:.*?\()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?\s*$/;

export function userSite(frames: readonly string[], cwd: string = process.cwd(), exclude: readonly string[] = OWN_DIRS): SourceSite | undefined {
  for (const frame of frames) {
    const match = FRAME.exec(frame);
    if (!match) continue;
    let file = match[1];
    if (file.startsWith('file://')) file = decodeURIComponent(new URL(file).pathname);
    if (!path.isAbsolute(file) || file.startsWith('node:')) continue;
    if (file.split(/[\\/]/).includes('node_modules')) continue;
    if (exclude.some((dir) => file.startsWith(dir))) continue;
    return { file: displayFile(file, cwd), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

function displayFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/**
 * The user's line that is creating the construct now (call from its constructor). Undefined under Jest:
 * Jest runs transformed code and its raw stack positions are those of the transformed text (a wrong line
 * is worse than none); `cdktf synth` runs the app under tsx, ts-node or as compiled JavaScript, whose
 * positions are right.
 */
export function creationSite(constructPath: string): SourceSite | undefined {
  if (insideJest()) return undefined;
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 50;
    Error.captureStackTrace(holder, creationSite);
  } finally {
    Error.stackTraceLimit = limit;
  }
  const site = userSite((holder.stack ?? '').split('\n').slice(1));
  return site ? { ...site, constructPath } : undefined;
}

/**
 * Keeps, of an error's stack, the frames in the user's code: a props mistake thrown inside a construct then
 * points at the user's `new GkeUnit(...)` line instead of ten frames of cxunit and constructs. Left as it is
 * when no frame is the user's.
 */
export function keepUserFrames(error: Error): void {
  const frames = (error.stack ?? '').split('\n').filter((line) => FRAME.test(line) && /^\s*at\s/.test(line));
  const own = frames.filter((frame) => userSite([frame]) !== undefined);
  if (own.length > 0) error.stack = `${error.name}: ${error.message}\n${own.join('\n')}`;
}

/** A Jest test file's process (not a subprocess it spawns, which inherits JEST_WORKER_ID but has no `expect`). */
function insideJest(): boolean {
  return process.env.JEST_WORKER_ID !== undefined && typeof (globalThis as { expect?: unknown }).expect === 'function';
}

/** A recorded site read back from JSON, when it has the right shape. */
export function asSourceSite(value: unknown): SourceSite | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const site = value as Record<string, unknown>;
  if (typeof site.file !== 'string' || !Number.isInteger(site.line) || !Number.isInteger(site.column)) return undefined;
  return {
    file: site.file, line: site.line as number, column: site.column as number,
    ...(typeof site.constructPath === 'string' ? { constructPath: site.constructPath } : {}),
  };
}
