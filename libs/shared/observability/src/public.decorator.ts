import { SetMetadata } from '@nestjs/common';

/** Metadata key marking a route that needs no authentication (health, metrics, docs, verification). */
export const IS_PUBLIC_ROUTE = 'terpadu:public-route';

/** Marks a controller or route as reachable without a token; the gateway's auth guard honours it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
