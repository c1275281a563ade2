import { z } from 'zod';
import { APP_VERSION } from '../services';
import { WEBHOOK_EVENT_BODIES } from '../../shared/webhooks/events';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhooks/types';
import { DELIVERY_TIMEOUT_MS } from '../webhooks/worker';
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

/** The Standard Webhooks headers every delivery carries, so a receiver can verify it with any of its libraries. */
const SIGNATURE_HEADERS = [
  { name: 'webhook-id', description: 'The event id: the same on every retry and resend of it, so a receiver can drop repeats' },
  { name: 'webhook-timestamp', description: 'When this attempt was signed (Unix seconds)' },
  { name: 'webhook-signature', description: "v1,<base64 HMAC-SHA256 of '<id>.<timestamp>.<body>' with the endpoint's secret>" },
].map((header) => ({ ...header, in: 'header', required: true, schema: { type: 'string' } }));

/** What the app sends to webhook endpoints, one POST per event, its body described by the schema that types it. */
function webhooks(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const body = WEBHOOK_EVENT_BODIES[type];
      const post = {
        summary: body.description,
        parameters: SIGNATURE_HEADERS,
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body) } } },
        responses: {
          '2XX': { description: 'Delivered' },
          default: { description: `Any other answer, or none within ${DELIVERY_TIMEOUT_MS / 1000} s: retried with backoff for 24 hours, in order per endpoint` },
        },
      };
      return [type, { post }];
    }),
  );
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
    webhooks: webhooks(),
  };
}
