import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { createSpecApp, type SpecApp } from '../test/spec-app';
import { isPublicRoute } from './auth/public.decorator';
import { REQUIRED_ROLES } from './auth/roles.decorator';

/** Routes anyone may call: probes, metrics, the API documentation and the public letter verification. */
const PUBLIC_ROUTES = [
  'GET /docs',
  'GET /docs/:asset',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'GET /v1/letters/verify/:code',
];
/** Registered on Fastify directly (by SwaggerModule), outside Nest's guards: public by design. */
const FASTIFY_ROUTES = ['GET /openapi.json'];

interface Route {
  route: string;
  isPublic: boolean;
  roles: readonly string[] | undefined;
}

function join(...parts: string[]): string {
  return `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

describe('every route has an access rule', () => {
  let spec: SpecApp;
  let routes: Route[];

  beforeAll(async () => {
    spec = await createSpecApp({}, { imports: [DiscoveryModule] });
    const reflector = spec.app.get(Reflector);
    routes = [];
    for (const wrapper of spec.app.get(DiscoveryService).getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler as () => void, controller];
        routes.push({
          route: `${method} ${join(base, Reflect.getMetadata(PATH_METADATA, handler) as string)}`,
          isPublic: isPublicRoute(reflector, targets),
          roles: reflector.getAllAndOverride<readonly string[] | undefined>(REQUIRED_ROLES, targets),
        });
      }
    }
  });
  afterAll(() => spec.close());

  it('finds the API routes', () => {
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'POST /v1/residents',
        'GET /v1/residents/:nik',
        'GET /v1/admin/dead-letters',
        'POST /v1/family-cards',
      ]),
    );
  });

  it('gives every Nest route either @Public() or a non-empty @Roles(...)', () => {
    const unguarded = routes
      .filter((r) => !r.isPublic && (!r.roles || r.roles.length === 0))
      .map((r) => r.route);
    expect(unguarded).toEqual([]);
  });

  it('makes only the probes, metrics, docs and letter verification public', () => {
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => r.route)
        .sort(),
    ).toEqual(PUBLIC_ROUTES);
    expect(routes.filter((r) => r.isPublic && r.roles).map((r) => r.route)).toEqual([]);
  });

  it('has no route on Fastify that bypasses Nest (and so the guard) beyond the OpenAPI document', () => {
    const nest = new Set(routes.map((r) => r.route));
    const outside = spec.routes.filter((route) => !route.startsWith('HEAD ') && !nest.has(route));
    expect(outside.sort()).toEqual(FASTIFY_ROUTES);
  });
});
