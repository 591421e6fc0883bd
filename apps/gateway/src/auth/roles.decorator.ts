import { SetMetadata } from '@nestjs/common';
import type { Role } from '@terpadu/contracts';

export const REQUIRED_ROLES = 'terpadu:required-roles';

/**
 * The roles allowed to call an operation (any one of them suffices); take them from ACCESS.
 * Every route needs this or `@Public()`: the AuthGuard refuses a route that has neither.
 */
export const Roles = (...roles: readonly [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
