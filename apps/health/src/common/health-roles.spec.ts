import { type Actor, ErrorCode, Role } from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { assertCanReadDetails, assertCanWriteRecords } from './health-roles';

const as = (roles: string[]): Actor => ({ sub: 'spec', roles, jurisdiction: ['31'] });

/** Which roles pass each check, written out: the service's own answer, not a copy of its constants. */
function passing(check: (actor: Actor) => void): Role[] {
  return Object.values(Role).filter((role) => {
    try {
      check(as([role]));
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).toBody()).toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
      return false;
    }
  });
}

describe('health roles (the service checks again behind the gateway)', () => {
  it('lets only health workers read health details: not admins, who run the platform and see no personal data', () => {
    expect(passing(assertCanReadDetails)).toEqual([Role.HealthWorker]);
  });

  it('lets only health workers write health records', () => {
    expect(passing(assertCanWriteRecords)).toEqual([Role.HealthWorker]);
  });

  it('passes a caller with several roles when one of them is allowed, and refuses one without roles', () => {
    expect(() => assertCanReadDetails(as([Role.Admin, Role.HealthWorker]))).not.toThrow();
    expect(() => assertCanReadDetails(as(['offline_access']))).toThrow(DomainException);
    expect(() => assertCanWriteRecords(as([]))).toThrow(DomainException);
  });
});
