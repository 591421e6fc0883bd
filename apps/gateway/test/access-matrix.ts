import { Role } from '@terpadu/contracts';
import type { ACCESS } from '../src/auth/access-policy';

/**
 * Who may call what, written out for a reviewer: one row per operation of the gateway's access
 * policy, one column per role, `x` where the role is allowed. This is what the specs expect, never
 * ACCESS itself: `access-policy.spec.ts` checks that ACCESS says exactly this, the endpoint
 * contracts and the auth matrix e2e refuse every role without an `x` and serve every role with one.
 * Widening a row here is a decision: say why in the commit and in docs/architecture.md (Roles).
 *
 * Decisions the table records:
 * - `admin` runs the platform and sees no personal data (UU PDP): dead letters (event ids, types
 *   and errors, no payload) and region names only. No resident, family card, history, letter,
 *   import, overview or health record, not even to read.
 * - Health details are specific personal data: health workers only (the health service checks the
 *   same: HEALTH_RECORD_READERS in contracts). Others see at most the overview's health summary.
 * - `resident` reads region names only.
 * - The front desk drafts letters and reads the registry; registrars write the registry.
 */
export const ACCESS_MATRIX = `
| operation           | registrar | front_desk | village_head | health_worker | school_operator | social_worker | economy_officer | auditor | admin | agency_system | resident |
| ------------------- | --------- | ---------- | ------------ | ------------- | --------------- | ------------- | --------------- | ------- | ----- | ------------- | -------- |
| readResidents       |     x     |     x      |      x       |       x       |        x        |       x       |        x        |    x    |       |       x       |          |
| registerResidents   |     x     |            |              |               |                 |               |                 |         |       |               |          |
| correctResidents    |     x     |            |              |               |                 |               |                 |         |       |               |          |
| readResidentHistory |     x     |            |      x       |               |                 |               |                 |    x    |       |               |          |
| readFamilyCards     |     x     |     x      |      x       |       x       |        x        |       x       |        x        |    x    |       |       x       |          |
| changeFamilyCards   |     x     |            |              |               |                 |               |                 |         |       |               |          |
| registerLifeEvents  |     x     |            |              |               |                 |               |                 |         |       |               |          |
| reviewDuplicates    |     x     |            |              |               |                 |               |                 |         |       |               |          |
| importResidents     |     x     |            |              |               |                 |               |                 |         |       |               |          |
| readImports         |     x     |            |              |               |                 |               |                 |    x    |       |               |          |
| draftLetters        |     x     |     x      |              |               |                 |               |                 |         |       |               |          |
| signLetters         |           |            |      x       |               |                 |               |                 |         |       |               |          |
| readLetters         |     x     |     x      |      x       |               |                 |               |                 |    x    |       |               |          |
| writeHealthRecords  |           |            |              |       x       |                 |               |                 |         |       |               |          |
| readHealthRecords   |           |            |              |       x       |                 |               |                 |         |       |               |          |
| readOverview        |     x     |     x      |      x       |       x       |        x        |       x       |        x        |    x    |       |       x       |          |
| readRegions         |     x     |     x      |      x       |       x       |        x        |       x       |        x        |    x    |   x   |       x       |    x     |
| operateDeadLetters  |           |            |              |               |                 |               |                 |         |   x   |               |          |
`;

/** An operation of the access policy (the name of a row of ACCESS_MATRIX). */
export type Operation = keyof typeof ACCESS;

/**
 * Reads a markdown table like ACCESS_MATRIX: the header must list every role in `Role`'s order (a
 * new role needs its column), each mark is `x` or blank, each operation appears once.
 */
export function parseAccessMatrix(table: string): Record<string, Role[]> {
  const lines = table
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const cells = lines.map((line) => {
    if (!line.startsWith('|') || !line.endsWith('|')) throw new Error(`Not a table row: ${line}`);
    return line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
  });
  const [header, rule, ...rows] = cells;
  const roles = Object.values(Role);
  if (header?.[0] !== 'operation' || header.slice(1).join(',') !== roles.join(','))
    throw new Error(`The columns must be "operation" and then every role in order: ${roles.join(', ')}`);
  if (!rule?.every((cell) => /^-+$/.test(cell))) throw new Error('The second line must be the header rule');

  const matrix: Record<string, Role[]> = {};
  for (const [operation, ...marks] of rows) {
    if (marks.length !== roles.length)
      throw new Error(`${operation}: ${marks.length} marks for ${roles.length} roles`);
    if (Object.hasOwn(matrix, operation)) throw new Error(`${operation} appears twice`);
    const bad = marks.find((mark) => mark !== 'x' && mark !== '');
    if (bad !== undefined) throw new Error(`${operation}: "${bad}" is neither "x" nor blank`);
    matrix[operation] = roles.filter((_role, column) => marks[column] === 'x');
  }
  return matrix;
}

/** The roles allowed each operation, as the reviewed table says (in `Role`'s order). */
export const EXPECTED_ACCESS = parseAccessMatrix(ACCESS_MATRIX) as Record<Operation, readonly Role[]>;
