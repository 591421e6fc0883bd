import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `
The public API of Terpadu, the integrated one-stop public-service platform of a regency's villages.

**Authentication.** Every operation needs a bearer JWT from the platform's OIDC issuer. Roles come from
the token's roles claim and decide which operations you may call (403 otherwise); the jurisdiction claim
lists the region codes you serve, and a person outside them is answered as not found (404).

**Errors.** Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`, a \`detail\`,
\`errors[]\` naming each invalid field by its path (\`address.villageCode\`) and the \`requestId\`
(also in the \`x-request-id\` response header).

**Personal data.** Names are never sent in a URL: searches by name are \`POST\` with a body.
`.trim();

/** The OpenAPI 3 document of the gateway, generated from its controllers and DTOs. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Terpadu API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setContact('Terpadu platform team', 'https://github.com/terpadu', 'platform@terpadu.invalid')
    .setLicense('AGPL-3.0-only', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('http://localhost:3000', 'The locally started platform (`npm start`)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from the OIDC issuer',
      },
      'bearer',
    )
    .addTag('residents', 'The population registry: residents identified by NIK')
    .addTag('family-cards', 'Family cards (KK) and their members')
    .addTag('life-events', 'Births (issuing the newborn NIK), deaths, and moves out of and into the regency')
    .addTag('duplicate-reviews', 'Pairs of records that may be one person, and their resolution')
    .addTag('regions', 'Region reference data: province, regency, district and village names by code')
    .addTag('letters', 'Letters a village issues: drafting, signing, PDF and public verification')
    .addTag('imports', 'Bulk import of residents from SIAK exports, as jobs with a per-row report')
    .addTag('health', 'Immunization, antenatal care, checkups and JKN insurance (health service)')
    .addTag('admin', 'Platform operations')
    .build();
  return SwaggerModule.createDocument(app, config);
}
