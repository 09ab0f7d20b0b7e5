import { durationSeconds } from '../../../policies/shared/durations';

describe('durations', () => {
  it('reads Google API durations in seconds', () => {
    expect(['3600s', '5400.5s', ' 60s '].map(durationSeconds)).toEqual([3600, 5400.5, 60]);
  });

  it('rejects other spellings', () => {
    expect(['1h', '3600', '60m', 's', '-5s'].map(durationSeconds)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
