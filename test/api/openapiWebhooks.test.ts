import { describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhooks/types';
import { testCore } from '../support/core';
import { send, startApiServer } from './http';

describe('the webhooks of /api/openapi.json', () => {
  it('describes the POST of every event type: its signature headers and its { type, timestamp, data } body', async () => {
    const { port } = await startApiServer(await testCore());
    const doc = (await send(port, '/api/openapi.json')).json;
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const post = doc.webhooks[type].post;
      expect(post.summary, type).toMatch(/\w/);
      expect(post.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['header:webhook-id', 'header:webhook-timestamp', 'header:webhook-signature']);
      const body = post.requestBody.content['application/json'].schema;
      expect(body.required.sort(), type).toEqual(['data', 'timestamp', 'type']);
      expect(body.properties.type.const, type).toBe(type);
      expect(body.properties.timestamp.format, type).toBe('date-time');
      expect(post.responses.default.description).toMatch(/10 s/);
    }
    const ended = doc.webhooks['call.ended'].post.requestBody.content['application/json'].schema.properties.data;
    expect(ended.required).toEqual(expect.arrayContaining(['outcome', 'durationSeconds', 'from', 'to', 'contact']));
    expect(ended.properties.outcome.anyOf[0].enum).toContain('no_answer');
    const analyzed = doc.webhooks['call.analyzed'].post.requestBody.content['application/json'].schema.properties.data;
    expect(analyzed.properties.transcript.items.properties.speaker.enum).toEqual(['agent', 'contact']);
    const status = doc.webhooks['campaign.status_changed'].post.requestBody.content['application/json'].schema.properties.data;
    expect(status.properties.previousStatus.enum).toContain('running');
  });
});
