import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ErrorCode } from '@terpadu/contracts';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';
import { Public } from '../auth/public.decorator';
import { ProblemException } from '../problem/problem.exception';

/** Scripts and styles are files (no inline script), so the Content-Security-Policy stays strict. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Terpadu API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

/** The files of swagger-ui-dist the page loads, and nothing else of the package. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/**
 * Swagger UI at `/docs`, reading the document from `/openapi.json`. Served by the gateway itself
 * from swagger-ui-dist (SwaggerModule's UI would need @fastify/static).
 */
@ApiExcludeController()
@Public()
@Controller('docs')
export class DocsController {
  private readonly cache = new Map<string, Buffer>();

  @Get()
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/html; charset=utf-8');
    return PAGE;
  }

  @Get(':asset')
  asset(@Param('asset') asset: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer | string {
    void reply.header('cache-control', 'public, max-age=3600');
    if (asset === 'swagger-ui-init.js') {
      void reply.type('application/javascript; charset=utf-8');
      return INIT;
    }
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (!type) throw new ProblemException(ErrorCode.ROUTE_NOT_FOUND, 'No such documentation asset');
    void reply.type(type);
    let content = this.cache.get(asset);
    if (!content) {
      content = readFileSync(join(getAbsoluteFSPath(), asset));
      this.cache.set(asset, content);
    }
    return content;
  }
}
