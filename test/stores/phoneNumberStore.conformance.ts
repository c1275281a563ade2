import { describe, expect, it } from 'vitest';
import type { NewPhoneNumber, PhoneNumberStore, StoredPhoneNumber } from '../../main/crm/phoneNumberStore';
import type { CrmSeed } from './crmSeed';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const SEALED = 'sealed:test:settings';

let made = 0;
function newNumber(teamId: string, number: string, fields: Partial<NewPhoneNumber> = {}): NewPhoneNumber {
  made++;
  return { id: `num_${made}`, teamId, number, label: null, provider: 'simulator', status: 'active', assistantId: null, trunkId: null, providerConfig: '{}', createdAt: T0, updatedAt: T0, ...fields };
}

/** The number as the store hands it back: everything but its provider settings. */
const stored = ({ providerConfig: _settings, ...number }: NewPhoneNumber): StoredPhoneNumber => number;

/** What every PhoneNumberStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describePhoneNumberStore(engine: string, open: () => Promise<{ store: PhoneNumberStore; seed: CrmSeed; close(): Promise<void> }>): void {
  describe(`PhoneNumberStore on ${engine}`, () => {
    let store: PhoneNumberStore;
    let seed: CrmSeed;
    freshFixtureEach(open, (fixture) => ({ store, seed } = fixture));

    const insert = async (number: NewPhoneNumber) => (await store.insert(number), number);

    it("reads a team's number back without its provider settings, and not another team's", async () => {
      const assistantId = await seed.assistant(TEAM);
      const trunkId = await seed.trunk(TEAM);
      const number = await insert(newNumber(TEAM, '+15125550100', { label: 'Main', provider: 'sip', status: 'suspended', assistantId, trunkId, providerConfig: SEALED }));
      expect(await store.get(TEAM, number.id)).toEqual(stored(number));
      expect(await store.get(OTHER_TEAM, number.id)).toBeUndefined();
      expect(await store.get(TEAM, 'num_missing')).toBeUndefined();
    });

    it("lists a team's numbers in number order, or only those answering for one assistant", async () => {
      const assistantId = await seed.assistant(TEAM);
      const late = await insert(newNumber(TEAM, '+15125550300', { assistantId }));
      const early = await insert(newNumber(TEAM, '+15125550100'));
      const middle = await insert(newNumber(TEAM, '+15125550200', { assistantId }));
      await insert(newNumber(OTHER_TEAM, '+15125550000'));
      expect(await store.list(TEAM)).toEqual([early, middle, late].map(stored));
      expect(await store.list(TEAM, assistantId)).toEqual([middle, late].map(stored));
    });

    it("tells a number the team has already added, other than the number's own; another team's is free", async () => {
      const number = await insert(newNumber(TEAM, '+15125550100'));
      await insert(newNumber(OTHER_TEAM, '+15125550200'));
      expect(await store.numberTaken(TEAM, '+15125550100')).toBe(number.id);
      expect(await store.numberTaken(TEAM, '+15125550100', number.id)).toBeUndefined();
      expect(await store.numberTaken(TEAM, '+15125550200')).toBeUndefined();
    });

    it("knows the team's assistants and trunks, not another team's", async () => {
      const assistantId = await seed.assistant(TEAM);
      const trunkId = await seed.trunk(TEAM);
      expect([await store.hasAssistant(TEAM, assistantId), await store.hasTrunk(TEAM, trunkId)]).toEqual([true, true]);
      expect([await store.hasAssistant(OTHER_TEAM, assistantId), await store.hasTrunk(OTHER_TEAM, trunkId)]).toEqual([false, false]);
      expect([await store.hasAssistant(TEAM, 'asst_missing'), await store.hasTrunk(TEAM, 'trk_missing')]).toEqual([false, false]);
    });

    it('updates the fields given and the time, leaving the others; not for another team', async () => {
      const assistantId = await seed.assistant(TEAM);
      const number = await insert(newNumber(TEAM, '+15125550100', { label: 'Main' }));
      expect(await store.update(TEAM, number.id, { status: 'error', assistantId, providerConfig: SEALED }, T0 + 5)).toBe(true);
      expect(await store.get(TEAM, number.id)).toEqual(stored({ ...number, status: 'error', assistantId, updatedAt: T0 + 5 }));
      expect(await store.update(OTHER_TEAM, number.id, { label: 'Taken' }, T0 + 6)).toBe(false);
      expect((await store.get(TEAM, number.id))?.label).toBe('Main');
    });
  });
}
