import { Role } from '@terpadu/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED_ACCESS, parseAccessMatrix } from '../../test/access-matrix';
import { ACCESS } from './access-policy';

const sorted = (roles: readonly string[]) => [...roles].sort();

describe('ACCESS (the gateway access policy)', () => {
  it('says exactly what the reviewed matrix says: the same operations, each with the same roles', () => {
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
    for (const [operation, roles] of Object.entries(ACCESS)) {
      expect({ operation, roles: sorted(roles) }).toEqual({
        operation,
        roles: sorted(EXPECTED_ACCESS[operation as keyof typeof ACCESS]),
      });
      expect(new Set(roles).size).toBe(roles.length);
    }
  });

  it('gives admin dead letters and region names, and no personal data', () => {
    const adminMay = Object.entries(EXPECTED_ACCESS)
      .filter(([, roles]) => roles.includes(Role.Admin))
      .map(([operation]) => operation)
      .sort();
    expect(adminMay).toEqual(['operateDeadLetters', 'readRegions']);
  });

  it('lists every role in the Roles table of docs/architecture.md', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/architecture.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Roles'));
    const documented = [...section.matchAll(/^\| `([a-z_]+)` /gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.values(Role).sort());
  });
});

describe(parseAccessMatrix.name, () => {
  const roles = Object.values(Role);
  const header = `| operation | ${roles.join(' | ')} |\n| --- | ${roles.map(() => '---').join(' | ')} |`;
  const row = (operation: string, marks: string[]) => `| ${operation} | ${marks.join(' | ')} |`;
  const blank = roles.map(() => '');

  it('reads x as allowed and a blank as refused, in the order of Role', () => {
    const marks = roles.map((role) => (role === Role.Auditor || role === Role.Registrar ? 'x' : ''));
    expect(parseAccessMatrix(`${header}\n${row('readThings', marks)}`)).toEqual({
      readThings: [Role.Registrar, Role.Auditor],
    });
  });

  it('refuses a table that misses a role, marks other than x, a short row or an operation twice', () => {
    expect(() => parseAccessMatrix(header.replace(` | ${Role.Resident}`, ''))).toThrow(/every role/);
    expect(() => parseAccessMatrix(`${header}\n${row('op', ['X', ...blank.slice(1)])}`)).toThrow(/"X"/);
    expect(() => parseAccessMatrix(`${header}\n${row('op', blank.slice(1))}`)).toThrow(/marks for/);
    expect(() => parseAccessMatrix(`${header}\n${row('op', blank)}\n${row('op', blank)}`)).toThrow(/twice/);
  });
});
