import { claimAt, readJurisdiction, readRoles } from './claims';

describe('claims', () => {
  it('reads a dotted claim path', () => {
    expect(claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
    expect(claimAt({ realm_access: ['a'] }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'a.b.c')).toBeUndefined();
  });

  it('reads roles from a list or a space separated string, ignoring non-strings and duplicates', () => {
    expect(readRoles({ roles: ['registrar', 7, 'auditor', 'registrar'] }, 'roles')).toEqual([
      'registrar',
      'auditor',
    ]);
    expect(readRoles({ scope_roles: 'registrar auditor' }, 'scope_roles')).toEqual(['registrar', 'auditor']);
    expect(readRoles({ roles: { registrar: true } }, 'roles')).toEqual([]);
  });

  it('reads jurisdiction prefixes, dropping dots and ignoring anything that is not a region code', () => {
    expect(readJurisdiction({ jurisdiction: ['31', '31.74.04', '3174041003'] }, 'jurisdiction')).toEqual([
      '31',
      '317404',
      '3174041003',
    ]);
    expect(readJurisdiction({ jurisdiction: '3171, 3172 *' }, 'jurisdiction')).toEqual(['3171', '3172']);
    expect(
      readJurisdiction({ jurisdiction: ['', '3', '*', 'DKI', '31741003001234'] }, 'jurisdiction'),
    ).toEqual([]);
    expect(readJurisdiction({}, 'jurisdiction')).toEqual([]);
  });
});
