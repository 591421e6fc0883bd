import { decodeResidentCursor, encodeResidentCursor } from './resident-cursor';

describe('resident cursor', () => {
  const id = '0b9f2c1e-4d5a-4c3b-9a8e-7f6d5c4b3a21';

  it('round-trips an id through an opaque URL-safe string', () => {
    const cursor = encodeResidentCursor(id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(id);
    expect(decodeResidentCursor(cursor)).toBe(id);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON without the version', Buffer.from(JSON.stringify({ after: id })).toString('base64url')],
    ['JSON with a non-uuid', Buffer.from(JSON.stringify({ v: 1, after: "x' OR 1=1" })).toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['an empty string', ''],
  ])('rejects %s', (_label, cursor) => {
    expect(decodeResidentCursor(cursor)).toBeUndefined();
  });
});
