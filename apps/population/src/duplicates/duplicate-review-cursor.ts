const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The review queue is ordered by (created_at, id); a cursor names the last review of a page. It holds
 * an internal id only and is opaque to clients.
 */
export function encodeReviewCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, review: afterId }), 'utf8').toString('base64url');
}

/** The review id a cursor names, or undefined when the string is not a cursor of this queue. */
export function decodeReviewCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { v, review } = parsed as { v?: unknown; review?: unknown };
    return v === 1 && typeof review === 'string' && UUID.test(review) ? review : undefined;
  } catch {
    return undefined;
  }
}
