import { childTraceparent, currentTraceparent, isTraceparent, runWithTraceparent } from './trace-context';

describe('trace context', () => {
  it('starts a new valid trace without a parent', () => {
    const tp = childTraceparent();
    expect(isTraceparent(tp)).toBe(true);
    expect(childTraceparent().slice(3, 35)).not.toBe(tp.slice(3, 35));
  });

  it('continues the trace of a parent with a new span', () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const child = childTraceparent(parent);
    expect(child.slice(0, 36)).toBe(parent.slice(0, 36));
    expect(child.slice(36, 52)).not.toBe('00f067aa0ba902b7');
  });

  it('ignores an invalid parent', () => {
    expect(isTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBe(false);
    expect(childTraceparent('garbage').startsWith('00-')).toBe(true);
  });

  it('exposes the current traceparent inside runWithTraceparent only', async () => {
    const tp = childTraceparent();
    expect(currentTraceparent()).toBeUndefined();
    await expect(runWithTraceparent(tp, async () => Promise.resolve(currentTraceparent()))).resolves.toBe(tp);
  });
});
