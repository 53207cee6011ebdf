import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ResolvedConfig } from '../../services.js';
import { VERSION } from '../../version.js';

const DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'";

/**
 * ONE OpenAPI 3.1 document for all three surfaces, generated from the route schemas, served at
 * /openapi.json, browsable at /docs (Swagger UI, served locally) and /redoc (ReDoc's script from REDOC_SCRIPT_URL).
 */
export async function installApiDocs(app: FastifyInstance, config: ResolvedConfig): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Homeostat API',
        version: VERSION,
        description:
          'One server, three wire-compatible surfaces: Clarity (`/api/v1`, RFC 7807 errors), Health Twin (`/v1`) and MHRAS (`/`).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      ...(config.PUBLIC_URL ? { servers: [{ url: config.PUBLIC_URL }] } : {}),
      tags: [
        { name: 'Clarity', description: 'Clarity Loop backend API (`/api/v1`)' },
        { name: 'Twin', description: 'Health Twin API (`/v1`)' },
        { name: 'MHRAS', description: 'Mental Health Risk Assessment System API and service endpoints (`/`)' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    // Shared schemas (app.addSchema) appear once, under components.schemas, named by their $id when it is a valid component name.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' && /^[A-Za-z0-9._-]+$/.test(json.$id) ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });

  app.get(
    '/openapi.json',
    { schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } } },
    async () => app.swagger(),
  );

  const scriptOrigin = new URL(config.REDOC_SCRIPT_URL).origin;
  app.get(
    '/redoc',
    {
      schema: { hide: true, response: { 200: Type.String() } },
      config: {
        contentSecurityPolicy: `default-src 'self'; script-src 'self' ${scriptOrigin}; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; font-src 'self' https://fonts.gstatic.com data:; img-src 'self' data:; worker-src blob:`,
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(redocPage(config.REDOC_SCRIPT_URL)),
  );
}

const redocPage = (scriptUrl: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Homeostat API — ReDoc</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="${scriptUrl.replace(/"/g, '&quot;')}"></script>
</body>
</html>
`;
