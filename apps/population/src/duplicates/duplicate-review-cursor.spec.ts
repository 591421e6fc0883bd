import { decodeReviewCursor, encodeReviewCursor } from './duplicate-review-cursor';

describe(encodeReviewCursor.name, () => {
  const id = '0b7d1c9e-3f4a-4e55-9a1b-2c3d4e5f6a7b';

  it('round-trips a review id', () => {
    expect(decodeReviewCursor(encodeReviewCursor(id))).toBe(id);
  });

  it.each([
    ['not base64url', 'a+b/c'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, review: id })).toString('base64url')],
    ['a resident cursor', Buffer.from(JSON.stringify({ v: 1, after: id })).toString('base64url')],
    ['not a uuid', Buffer.from(JSON.stringify({ v: 1, review: 'x' })).toString('base64url')],
  ])('refuses %s', (_case, cursor) => {
    expect(decodeReviewCursor(cursor)).toBeUndefined();
  });
});
