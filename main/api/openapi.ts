import { z } from 'zod';
import { APP_VERSION } from '../services';
import { ROUTES } from './routes';

const ERROR = {
  type: 'object',
  properties: {
    success: { const: false },
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
      required: ['code', 'message'],
    },
  },
};

const BINARY = { schema: { type: 'string', format: 'binary' } };
const RANGE = { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-1023' } };

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** OpenAPI 3.1 for every route, with request shapes generated from the same schemas that validate them. */
export function buildOpenApi(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = route.querySchema ? Object.entries((jsonSchema(route.querySchema) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', schema })) : [];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      parameters: [...params, ...query, ...(route.fileResponse ? [RANGE] : [])],
      ...(route.bodySchema ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.bodySchema) } } } } : {}),
      ...(route.csvBody ? { requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } } } : {}),
      responses: {
        [String(route.status ?? 200)]: route.download
          ? { description: 'Success: JSON, or the file the query asks for', content: Object.fromEntries([['application/json', {}], ...route.download.map((type) => [type, { schema: { type: 'string' } }])]) }
          : route.csvResponse
          ? { description: 'A CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }
          : route.fileResponse
            ? { description: 'The whole file', content: { [route.fileResponse]: BINARY } }
            : { description: 'Success: { "success": true, … }', ...(route.response ? { content: { 'application/json': { schema: jsonSchema(route.response) } } } : {}) },
        ...(route.fileResponse ? { '206': { description: 'The part the Range header asked for (Content-Range says which)', content: { [route.fileResponse]: BINARY } } } : {}),
        '4XX': { description: route.fileResponse ? 'Error (416: a Range outside the file)' : 'Error', content: { 'application/json': { schema: ERROR } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dialwell local API', version: APP_VERSION },
    servers: [{ url: 'http://127.0.0.1:7431' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
