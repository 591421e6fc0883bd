import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createSpecApp, type SpecApp } from '../../test/spec-app';
import { createOpenApiDocument } from './openapi-document';

const ROOT = resolve(__dirname, '../../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Operations anyone may call without a token. */
const PUBLIC_OPERATIONS = ['GET /v1/letters/verify/{code}'];

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

describe(createOpenApiDocument.name, () => {
  let spec: SpecApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown> };
  };
  let dir: string;

  beforeAll(async () => {
    spec = await createSpecApp();
    document = (await spec.fastify.inject({ method: 'GET', url: '/openapi.json' })).json();
    dir = mkdtempSync(join(tmpdir(), 'terpadu-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await spec.close();
  });

  const operations = (): Array<[string, Operation]> =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${path}`, item[m]]),
    );

  it('documents every API operation with an id, a summary, a description, a tag and bearer security', () => {
    expect(
      operations()
        .map(([name]) => name)
        .sort(),
    ).toEqual([
      'GET /v1/admin/dead-letters',
      'GET /v1/duplicate-reviews',
      'GET /v1/family-cards/{number}',
      'GET /v1/imports/{id}',
      'GET /v1/imports/{id}/rows',
      'GET /v1/letters',
      'GET /v1/letters/verify/{code}',
      'GET /v1/letters/{id}',
      'GET /v1/letters/{id}/pdf',
      'GET /v1/regions/{code}',
      'GET /v1/residents',
      'GET /v1/residents/{nik}',
      'GET /v1/residents/{nik}/checkups',
      'GET /v1/residents/{nik}/history',
      'GET /v1/residents/{nik}/immunizations',
      'GET /v1/residents/{nik}/insurance',
      'GET /v1/residents/{nik}/overview',
      'GET /v1/residents/{nik}/pregnancies',
      'PATCH /v1/residents/{nik}',
      'POST /v1/admin/dead-letters/{id}/replay',
      'POST /v1/births',
      'POST /v1/checkups',
      'POST /v1/deaths',
      'POST /v1/duplicate-reviews/{id}/resolve',
      'POST /v1/family-cards',
      'POST /v1/family-cards/{number}/head',
      'POST /v1/family-cards/{number}/members',
      'POST /v1/family-cards/{number}/members/{nik}/removal',
      'POST /v1/family-cards/{number}/split',
      'POST /v1/immunizations',
      'POST /v1/imports/residents',
      'POST /v1/letters',
      'POST /v1/letters/search',
      'POST /v1/letters/{id}/revoke',
      'POST /v1/letters/{id}/sign',
      'POST /v1/moves/in',
      'POST /v1/moves/out',
      'POST /v1/pregnancies',
      'POST /v1/pregnancies/{id}/anc-visits',
      'POST /v1/pregnancies/{id}/delivery',
      'POST /v1/residents',
      'POST /v1/residents/search',
      'PUT /v1/residents/{nik}/insurance',
    ]);
    for (const [name, op] of operations()) {
      expect({
        name,
        operationId: op.operationId,
        summary: op.summary,
        description: op.description,
        tags: op.tags,
        security: op.security,
      }).toEqual({
        name,
        operationId: expect.stringMatching(/^[a-z][A-Za-z]+$/),
        summary: expect.any(String),
        description: expect.any(String),
        tags: [expect.any(String)],
        security: PUBLIC_OPERATIONS.includes(name) ? undefined : [{ bearer: [] }],
      });
    }
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });
  });

  it('documents the error answers of every operation as problem+json', () => {
    for (const [name, op] of operations()) {
      for (const status of ['400', '401', '403', '429', '500', '503', '504']) {
        expect({ name, status, content: op.responses[status]?.content }).toEqual({
          name,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemView' } } },
        });
      }
    }
    expect(operations().find(([name]) => name === 'POST /v1/residents')?.[1].responses['409']).toBeDefined();
    expect(
      operations().find(([name]) => name === 'GET /v1/residents/{nik}')?.[1].responses['404'],
    ).toBeDefined();
  });

  it('keeps names out of query strings', () => {
    const list = document.paths['/v1/residents'].get as unknown as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(
      list.parameters
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['cursor', 'limit', 'status', 'villageCode']);
    expect(document.paths['/v1/residents/search'].post.description).toContain('never land in URLs');
  });

  it('passes spectral lint (spectral:oas) without errors or warnings', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const spectral = realpathSync(join(ROOT, 'node_modules/.bin/spectral'));
    const run = await promisify(execFile)(
      process.execPath,
      [
        spectral,
        'lint',
        file,
        '--ruleset',
        join(ROOT, '.spectral.yaml'),
        '--fail-severity',
        'error',
        '--format',
        'json',
        '--quiet',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
      throw new Error(
        `spectral failed (exit ${String(error.code)}):\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      );
    });
    const results = JSON.parse(run.stdout || '[]') as SpectralResult[];
    const findings = results.map(
      (r) => `${['error', 'warn', 'info', 'hint'][r.severity]} ${r.code} ${r.path.join('.')}: ${r.message}`,
    );
    expect(findings.filter((f) => f.startsWith('error') || f.startsWith('warn'))).toEqual([]);
  });
});
