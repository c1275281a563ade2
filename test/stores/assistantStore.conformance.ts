import { describe, expect, it } from 'vitest';
import type { AssistantFields, AssistantStore, NewAssistant, StoredAssistant } from '../../main/crm/assistantStore';
import type { CompanyStore } from '../../main/crm/companyStore';
import type { CrmSeed } from './crmSeed';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** What an assistant created with none of its engine settings has. */
const DEFAULTS = {
  greeting: null, prompt: null, voicemailMessage: null, agentUrl: null, greetingMediaId: null, voicemailMediaId: null, recordCalls: false,
  realtimeModel: 'gpt-realtime', realtimeVoice: 'marin', transferNumber: null, maxCallMinutes: 10, collect: [], successCriterion: null,
};

let made = 0;
function newAssistant(teamId: string, name: string, fields: Partial<AssistantFields> = {}): NewAssistant {
  made++;
  return { id: `asst_${made}`, teamId, name, outboundEnabled: false, provider: 'simulator', engine: 'audio', createdAt: T0, updatedAt: T0, ...fields };
}

const stored = (assistant: NewAssistant, activeNumbers = 0): StoredAssistant => ({ ...DEFAULTS, ...assistant, activeNumbers });

/**
 * What every AssistantStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS
 * exist, with the engine's CompanyStore to give the previewed contacts their company.
 */
export function describeAssistantStore(engine: string, open: () => Promise<{ store: AssistantStore; companies: CompanyStore; seed: CrmSeed; close(): Promise<void> }>): void {
  describe(`AssistantStore on ${engine}`, () => {
    let store: AssistantStore;
    let companies: CompanyStore;
    let seed: CrmSeed;
    freshFixtureEach(open, (fixture) => ({ store, companies, seed } = fixture));

    const insert = async (assistant: NewAssistant) => (await store.insert(assistant), assistant);

    it('gives an assistant created without its engine settings the defaults, flags off and nothing collected', async () => {
      const assistant = await insert(newAssistant(TEAM, 'Outbound'));
      expect(await store.get(TEAM, assistant.id)).toEqual(stored(assistant));
      expect(await store.get(OTHER_TEAM, assistant.id)).toBeUndefined();
      expect(await store.get(TEAM, 'asst_missing')).toBeUndefined();
    });

    it('keeps every field as given, flags and collected fields included, and counts only its active numbers', async () => {
      const greeting = await seed.media(TEAM);
      const voicemail = await seed.media(TEAM);
      const assistant = await insert(
        newAssistant(TEAM, 'Agent', {
          greeting: 'Hi {{contact.first_name}}', prompt: 'Be brief', voicemailMessage: 'Call back', outboundEnabled: true, provider: 'sip',
          agentUrl: 'wss://user:secret@agent.test/ws', greetingMediaId: greeting, voicemailMediaId: voicemail, recordCalls: true, engine: 'realtime',
          realtimeModel: 'gpt-x', realtimeVoice: 'cedar', transferNumber: '+15125550199', maxCallMinutes: 30,
          collect: [{ key: 'budget', type: 'number', description: 'Their budget', options: [], mapTo: null }], successCriterion: 'Booked a demo',
        }),
      );
      await seed.phoneNumber(TEAM, assistant.id, 'active');
      await seed.phoneNumber(TEAM, assistant.id, 'active');
      await seed.phoneNumber(TEAM, assistant.id, 'suspended');
      expect(await store.get(TEAM, assistant.id)).toEqual(stored(assistant, 2));
    });

    it("lists a team's assistants by name, none of another team's", async () => {
      const b = await insert(newAssistant(TEAM, 'Bravo'));
      const a = await insert(newAssistant(TEAM, 'Alpha'));
      await insert(newAssistant(OTHER_TEAM, 'Aaron'));
      expect(await store.list(TEAM)).toEqual([stored(a), stored(b)]);
      expect(await store.list('team_nobody')).toEqual([]);
    });

    it('updates the fields given and the time, leaving the others; not for another team', async () => {
      const assistant = await insert(newAssistant(TEAM, 'Outbound', { prompt: 'Be brief', recordCalls: true }));
      const changes = { outboundEnabled: true, recordCalls: false, collect: [{ key: 'ok', type: 'boolean' as const, description: 'Agreed', options: [], mapTo: null }] };
      expect(await store.update(TEAM, assistant.id, changes, T0 + 5)).toBe(true);
      expect(await store.get(TEAM, assistant.id)).toEqual(stored({ ...assistant, ...changes, updatedAt: T0 + 5 }));
      expect(await store.update(OTHER_TEAM, assistant.id, { name: 'Taken' }, T0 + 6)).toBe(false);
      expect((await store.get(TEAM, assistant.id))?.name).toBe('Outbound');
    });

    it("previews a team's contact with its company and zone, its own zone before its number's", async () => {
      await companies.insert({ id: 'co_preview', teamId: TEAM, name: 'Acme', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {}, createdAt: T0, updatedAt: T0 });
      const fields = { firstName: 'Ann', lastName: 'Lee', phone: '+15125550100', email: 'ann@acme.test', jobTitle: 'CTO', customFields: { tier: 'gold' } };
      const zoned = await seed.contact(TEAM, 'co_preview', { ...fields, timezone: 'America/Chicago', phoneZones: 'America/New_York' });
      const byNumber = await seed.contact(TEAM, 'co_preview', { firstName: 'Bob', lastName: 'Ray', phoneZones: 'America/Denver|America/Phoenix' });
      expect(await store.previewContact(TEAM, zoned)).toEqual({
        contact: { ...fields, leadStatus: 'new' },
        company: 'Acme',
        zoneKey: 'America/Chicago',
      });
      expect(await store.previewContact(TEAM, byNumber)).toMatchObject({ contact: { firstName: 'Bob', phone: null, email: null, customFields: {} }, zoneKey: 'America/Denver|America/Phoenix' });
      expect(await store.previewContact(OTHER_TEAM, zoned)).toBeUndefined();
    });
  });
}
