const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Search pages are ordered by (created_at, id); a cursor names the last resident of a page. It holds
 * an internal id only (never a name or NIK: cursors travel in URLs) and is opaque to clients.
 */
export function encodeResidentCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterId }), 'utf8').toString('base64url');
}

/** The id a cursor names, or undefined when the string is not a cursor this service issued. */
export function decodeResidentCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { v, after } = parsed as { v?: unknown; after?: unknown };
    return v === 1 && typeof after === 'string' && UUID.test(after) ? after : undefined;
  } catch {
    return undefined;
  }
}
