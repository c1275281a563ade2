import { describe, expect, it } from 'vitest';
import { MINUTE, openWorld } from '../dialer/dialerFixtures';

const COLLECT = [{ key: 'interest', type: 'enum', description: 'How keen', options: ['qualified', 'unqualified'], mapTo: 'leadStatus' }];

describe('simulated calls', () => {
  it('queue their analysis with their end when they had a conversation, and the offline engine analyses them', async () => {
    const w = await openWorld();
    // an engine that converses: an audio-only assistant has nothing said to analyse
    await w.api.invoke('assistants.update', { id: w.assistantId, engine: 'realtime', collect: COLLECT, successCriterion: 'The contact is keen' });
    await w.api.invoke('webhooks.create', { url: 'http://127.0.0.1:9/hook', events: ['call.analyzed'] });
    const [talker, silent] = await w.addContacts(2);
    w.script[talker.phone!] = ['answered'];
    w.script[silent.phone!] = ['no_answer'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, [talker.id, silent.id]);
    await w.run(campaign.id, 'start');
    await w.advance(10 * MINUTE);
    await w.core.analysis!.idle();

    const calls = (await w.api.invoke('calls.list', { campaignId: campaign.id })).items;
    const detail = async (contactId: string) => w.api.invoke('calls.get', { id: calls.find((c) => c.contactId === contactId)!.id });
    const talked = await detail(talker.id);
    expect(talked.transcript.length).toBeGreaterThan(0);
    expect(talked.analysis).toMatchObject({ state: 'done', error: null, attempts: 1 });
    expect(talked.analysis!.summary).toMatch(/turns/);
    expect(['qualified', 'unqualified']).toContain(talked.analysis!.fields.interest);
    const contact = await w.api.invoke('contacts.get', { id: talker.id });
    expect(contact.leadStatus).toBe(talked.analysis!.fields.interest);
    expect((await detail(silent.id)).analysis).toBeNull();
    expect((await w.api.invoke('campaigns.results', { id: campaign.id })).analysed).toBe(1);
    // the webhook event is queued with the stored answer, carrying it (in the outbox, or taken from it by the worker)
    const events = w.sqlite
      .prepare("SELECT body FROM webhook_outbox WHERE type = 'call.analyzed' UNION ALL SELECT body FROM webhook_events WHERE type = 'call.analyzed'")
      .pluck()
      .all() as string[];
    expect(events.map((body) => JSON.parse(body).data)).toMatchObject([{ callId: talked.id, summary: talked.analysis!.summary }]);
  });
});
