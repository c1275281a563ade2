import { describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { HOUR, openWorld } from '../dialer/dialerFixtures';

describe('the demo’s calls', () => {
  // the simulator stands in for the voice engine: nothing here has a key or a network to reach one
  it('hold conversations through the simulator: the greeting rendered for each contact, then the tools', async () => {
    const w = await openWorld({ start: Date.parse('2027-01-13T15:00:00Z'), demo: true, seed: 5 });
    const campaigns = await w.api.invoke('campaigns.list', { limit: 50, offset: 0 });
    const campaign = campaigns.items.find((c) => c.name === DEMO_WORLD_CAMPAIGN)!;
    const riley = await w.api.invoke('assistants.get', { id: campaign.assistantId });
    expect(riley).toMatchObject({ engine: 'realtime', greeting: expect.stringContaining('{{firstName|there}}') });
    await w.run(campaign.id, 'start');
    await w.advance(HOUR);

    const page = await w.api.invoke('calls.list', { campaignId: campaign.id, outcome: 'answered', limit: 50, offset: 0 });
    expect(page.items.length).toBeGreaterThan(0);
    const contacts = new Map((await w.api.invoke('campaigns.contacts', { id: campaign.id, limit: 50, offset: 0 })).items.map((c) => [c.contactId, c]));
    for (const call of page.items) {
      const detail = await w.api.invoke('calls.get', { id: call.id });
      const firstName = contacts.get(call.contactId)!.firstName;
      expect(detail.transcript[0]).toMatchObject({ speaker: 'agent', text: `Hi ${firstName}, this is Riley from Meridian Travel (worldwide demo). I am calling about your account renewal. Do you have a minute?` });
      expect(detail.transcript.some((t) => t.speaker === 'contact')).toBe(true);
      expect(detail.tools.length).toBe(1);
    }
  });
});
