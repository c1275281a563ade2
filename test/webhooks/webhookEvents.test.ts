import { afterEach, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../main/api/openapi';
import { webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import { WEBHOOK_EVENT_BODIES, type WebhookEventBody } from '../../shared/webhooks/events';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/webhooks/types';
import { openWorld } from '../dialer/dialerFixtures';
import { startReceiver } from './receiver';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closing.length) await closing.pop()!();
});

interface JsonObjectSchema {
  properties: Record<string, JsonObjectSchema>;
  required: string[];
}

/** A campaign dialed to its end (one call answered, one not, an opt-out) and an analysis: every event a real receiver got. */
async function dialedCampaignEvents() {
  const receiver = await startReceiver();
  closing.push(receiver.close);
  const w = await openWorld({ seed: 7 });
  const { secret } = await w.api.invoke('webhooks.create', { url: receiver.url, events: [...WEBHOOK_EVENT_TYPES] });
  receiver.useSecret(secret);
  const [answers, missed] = await w.addContacts(2);
  w.script[answers.phone!] = ['answered'];
  w.script[missed.phone!] = ['no_answer'];
  w.optOuts.add(answers.phone!);
  const campaign = await w.createCampaign({ maxAttemptsPerContact: 1 });
  await w.enrol(campaign.id, [answers.id, missed.id]);
  await w.run(campaign.id, 'start');
  await w.runToEnd(campaign.id);
  // the analysis of the answered call, stored done (nothing more due) and reported in one transaction as the analysis worker does
  const answered = w.calls(campaign.id).find((c) => c.outcome === 'answered')!;
  w.sqlite.transaction(() => {
    w.sqlite
      .prepare(`INSERT INTO call_analyses (call_id, team_id, state, summary, success, fields, next_attempt_at, created_at, updated_at)
                VALUES (?, 'team_default', 'done', 'Wants a demo', 1, '{"budget":1200}', NULL, 0, 0)`)
      .run(answered.id);
    webhookOutbox(w.sqlite).callAnalyzed(answered.id, w.clock.now());
  })();
  await w.advance(5_000);
  const bodies = receiver.received.map((r) => JSON.parse(r.body) as WebhookEventBody);
  const ofType = <T extends WebhookEventType>(type: T) => bodies.filter((b): b is Extract<WebhookEventBody, { type: T }> => b.type === type);
  return { w, receiver, campaign, answers, answered, bodies, ofType };
}

describe('webhook events from a dialed campaign', () => {
  it('sends every event type to a real receiver, each signed and verified, with what it reports', async () => {
    const { receiver, campaign, answers, answered, bodies, ofType } = await dialedCampaignEvents();
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(bodies.map((b) => b.type))).toEqual(new Set(WEBHOOK_EVENT_TYPES));
    expect(ofType('call.started')).toHaveLength(2);
    expect(ofType('call.answered')).toHaveLength(1);
    const ended = ofType('call.ended').find((b) => b.data.callId === answered.id)!;
    expect(ended.data).toMatchObject({
      campaignId: campaign.id,
      outcome: 'answered',
      status: 'ended',
      from: answered.fromNumber,
      to: answers.phone,
      contact: { id: answers.id, firstName: 'Contact', phone: answers.phone },
    });
    expect(ended.data.durationSeconds).toBeGreaterThan(0);
    expect(ofType('call.ended').find((b) => b.data.callId !== answered.id)!.data).toMatchObject({ outcome: 'no_answer', durationSeconds: 0 });
    expect(ofType('contact.opted_out')[0].data).toMatchObject({ contactId: answers.id, campaignId: campaign.id, phone: answers.phone });
    expect(ofType('campaign.status_changed').map((b) => [b.data.previousStatus, b.data.status])).toEqual([
      ['draft', 'running'],
      ['running', 'completed'],
    ]);
    expect(ofType('call.analyzed')[0].data).toMatchObject({ callId: answered.id, summary: 'Wants a demo', success: true, fields: { budget: 1200 } });
    expect(Array.isArray(ofType('call.analyzed')[0].data.transcript)).toBe(true);
    // per call, in the order things happened
    const forAnswered = bodies.filter((b) => 'callId' in b.data && b.data.callId === answered.id).map((b) => b.type);
    expect(forAnswered).toEqual(['call.started', 'call.answered', 'call.ended', 'call.analyzed']);
  });

  it('sends bodies that are exactly what their schemas, and the OpenAPI document made from them, describe', async () => {
    const { bodies } = await dialedCampaignEvents();
    const documented = (buildOpenApi() as { webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { schema: JsonObjectSchema } } } } }> }).webhooks;
    for (const body of bodies) {
      // the schema strips what it does not know: equal means no field missing, none wrong, none undescribed
      expect(WEBHOOK_EVENT_BODIES[body.type].parse(body), body.type).toEqual(body);
      const data = documented[body.type].post.requestBody.content['application/json'].schema.properties.data;
      expect(Object.keys(body.data).sort(), body.type).toEqual(Object.keys(data.properties).sort());
      expect(Object.keys(body.data), body.type).toEqual(expect.arrayContaining(data.required));
    }
  });
});
