import * as path from 'path';
import { isCalendarDate, loadSuppressionsFile } from '../../lib/policy/suppressions';
import { InputError } from '../../lib/validation/diagnostic';
import { ROOT } from '../helpers/cli';

const DIR = 'test/fixtures/policy/inputs/suppressions';
const KNOWN = new Set(['network.exact-ports', 'network.no-world-open']);

describe('cxunit-suppressions.yaml', () => {
  it('reads entries with rule id, address, optional stack, reason and optional expiry, located in the file', () => {
    expect(loadSuppressionsFile(path.join(ROOT, DIR, 'valid.yaml'), KNOWN, `${DIR}/valid.yaml`)).toEqual([
      {
        ruleId: 'network.no-world-open', address: 'google_compute_firewall.ssh', stack: 'u2', reason: 'Break-glass SSH until the IAP tunnel lands (CHG-1234)', expires: '2099-12-31',
        source: { kind: 'file', file: `${DIR}/valid.yaml`, path: 'suppressions[0]', line: 3, column: 5 },
      },
      {
        ruleId: 'network.exact-ports', address: 'google_compute_firewall.ssh', reason: 'Break-glass SSH until the IAP tunnel lands (CHG-1234)',
        source: { kind: 'file', file: `${DIR}/valid.yaml`, path: 'suppressions[1]', line: 8, column: 5 },
      },
    ]);
  });

  it('rejects a short reason, an unknown key and a missing address with file, line, column and fix', () => {
    let error: unknown;
    try {
      loadSuppressionsFile(path.join(ROOT, DIR, 'invalid.yaml'), KNOWN, `${DIR}/invalid.yaml`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.split('\n')).toEqual([
      `${DIR}/invalid.yaml:4:13: suppressions[0].reason: "temp" is malformed: give a reason of at least 10 characters that says why the finding is acceptable`,
      `${DIR}/invalid.yaml:9:5: suppressions[2]: missing key "address": add it`,
      `${DIR}/invalid.yaml:11:5: suppressions[2].until: unknown key "until": remove it or use one of ruleId, address, stack, reason, expires`,
    ]);
  });

  it('rejects an unknown rule id and a date that does not exist, once the shape is right', () => {
    const fixed = path.join(ROOT, DIR, 'invalid.yaml');
    let error: unknown;
    try {
      loadSuppressionsFile(fixed.replace('invalid.yaml', 'valid.yaml'), new Set(['network.exact-ports']), `${DIR}/valid.yaml`);
    } catch (e) {
      error = e;
    }
    expect((error as InputError).message).toBe(`${DIR}/valid.yaml:3:13: suppressions[0].ruleId: unknown rule "network.no-world-open": use one of network.exact-ports`);
    try {
      loadSuppressionsFile(fixed.replace('invalid.yaml', 'valid.yaml'), new Set(['network.no-world-opne', 'network.exact-ports']), `${DIR}/valid.yaml`);
    } catch (e) {
      error = e;
    }
    expect((error as InputError).message).toBe(`${DIR}/valid.yaml:3:13: suppressions[0].ruleId: unknown rule "network.no-world-open" (did you mean "network.no-world-opne"?): use one of network.exact-ports, network.no-world-opne`);
    expect(isCalendarDate('2025-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('reports a missing file', () => {
    expect(() => loadSuppressionsFile(path.join(ROOT, DIR, 'nope.yaml'), KNOWN, `${DIR}/nope.yaml`)).toThrow(`${DIR}/nope.yaml: file not found: check the path`);
  });
});
