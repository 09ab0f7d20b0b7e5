
/**
 * lib/cli/output.ts writeStderr: a plain write to descriptor 2 while the stream is not open, and the stream for
 * whatever that write could not take, so that nothing is lost on a non-blocking descriptor. The command line's
 * own tests (check.test.ts, catalog-commands.test.ts) run the real streams through subprocesses.
 */

type Output = typeof import('../../lib/cli/output');
/** The module object itself (an `import * as` namespace cannot be spied on). */
const fs: typeof import('fs') = jest.requireActual('fs');

function freshOutput(): Output {
  let output: Output | undefined;
  jest.isolateModules(() => {
    output = jest.requireActual<Output>('../../lib/cli/output');
  });
  return output!;
}

afterEach(() => jest.restoreAllMocks());

describe('writeStderr', () => {
  it('writes to descriptor 2 and leaves the stream closed', () => {
    const direct = jest.spyOn(fs, 'writeSync').mockImplementation((_fd, buffer) => (buffer as unknown as Buffer).length);
    const stream = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const output = freshOutput();
    output.writeStderr('1 stack, 33 rules: no findings\n');
    // (jest may write elsewhere meanwhile: only descriptor 2 is ours)
    const toStderr = direct.mock.calls.filter(([fd]) => fd === 2);
    expect(toStderr.map(([, buffer]) => (buffer as unknown as Buffer).toString())).toEqual(['1 stack, 33 rules: no findings\n']);
    expect(stream).not.toHaveBeenCalled();
  });

  it('gives the stream what a partial write left, then uses the stream only', () => {
    const direct = jest.spyOn(fs, 'writeSync').mockImplementation((fd) => (fd === 2 ? 6 : 0));
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => Boolean(written.push(Buffer.from(chunk).toString())));
    const output = freshOutput();
    output.writeStderr('naïve line\n');
    output.writeStderr('second\n');
    // 'naïve' is 6 bytes: the stream gets the rest of the first text, then the second whole
    expect(written).toEqual([' line\n', 'second\n']);
    expect(direct.mock.calls.filter(([fd]) => fd === 2)).toHaveLength(1);
  });

  it('falls back to the stream when the descriptor refuses the write (EAGAIN)', () => {
    jest.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    });
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => Boolean(written.push(Buffer.from(chunk).toString())));
    freshOutput().writeStderr('--stack: "euw9" is not a stack of the input\n');
    expect(written).toEqual(['--stack: "euw9" is not a stack of the input\n']);
  });
});
