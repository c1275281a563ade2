// Rows the compliance stores cannot make through their interfaces (they only read them, or another writer makes
// them), seeded through Kysely, which writes them alike on every engine: teams' companies, assistants, campaigns,
// contacts, enrolments, DNC lists as the import task creates them, and the audit trail as the dial-time checks append it.
import type { Kysely } from 'kysely';
import type { Database } from '../../main/db/schema';
import type { DecisionSeed } from './decisionStore.conformance';
import type { DncSeed } from './dncStore.conformance';

/** Decisions per insert: one statement's parameters stay well inside each engine's limit. */
const DECISIONS_PER_INSERT = 500;

export function complianceSeed(db: Kysely<Database>): DncSeed & DecisionSeed {
  let made = 0;
  const nextId = (prefix: string) => `${prefix}_seed${++made}`;
  const stamps = { createdAt: 0, updatedAt: 0 };

  /** Each team's company and assistant, made the first time the team needs them. */
  const parents = new Map<string, Promise<{ companyId: string; assistantId: string }>>();
  const parentsOf = (teamId: string) => {
    if (!parents.has(teamId)) {
      const ids = { companyId: nextId('co'), assistantId: nextId('asst') };
      parents.set(
        teamId,
        (async () => {
          await db.insertInto('companies').values({ id: ids.companyId, teamId, name: 'Acme', customFields: '{}', ...stamps }).execute();
          await db.insertInto('assistants').values({ id: ids.assistantId, teamId, name: 'Outbound', outboundEnabled: 0, provider: 'simulator', ...stamps }).execute();
          return ids;
        })(),
      );
    }
    return parents.get(teamId)!;
  };
  const campaign = async (teamId: string, deleted = false) => {
    const id = nextId('cmp');
    await db
      .insertInto('campaigns')
      .values({
        id, teamId, name: 'Campaign', description: '', keepOpen: 0, ...(await parentsOf(teamId)), status: 'draft', callWindowStart: '09:00', callWindowEnd: '17:00',
        callWindowTimezone: 'America/New_York', useContactTimezone: 0, maxConcurrentCalls: 1, maxAttemptsPerContact: 3, retryDelayMinutes: 60,
        retryDelayMinutesNoAnswer: 60, retryDelayMinutesBusy: 60, retryDelayMinutesError: 60, retryBackoff: 'fixed', retryBackoffMultiplier: 1,
        retryBackoffCapMinutes: 60, retryOnError: 0, retryOnVoicemail: 0, voicemailAction: 'hangup', deletedAt: deleted ? 0 : null, ...stamps,
      })
      .execute();
    return id;
  };
  const contact = async (teamId: string, fields: { firstName: string; lastName: string; phone: string | null }) => {
    const id = nextId('cnt');
    const { companyId } = await parentsOf(teamId);
    await db.insertInto('contacts').values({ id, teamId, companyId, ...fields, leadStatus: 'new', doNotCall: 0, tags: '[]', customFields: '{}', ...stamps }).execute();
    return id;
  };

  return {
    list: async (teamId, id, name, at) => void (await db.insertInto('dncLists').values({ id, teamId, name, createdAt: at, updatedAt: at }).execute()),
    async contactWithPhone(teamId, phone, enrolment) {
      const contactId = await contact(teamId, { firstName: 'Ann', lastName: 'Lee', phone });
      if (!enrolment) return;
      await db.insertInto('campaignContacts').values({ campaignId: await campaign(teamId), contactId, ...enrolment, zoneKey: null, enrolledAt: 0, updatedAt: 0 }).execute();
    },
    contact,
    campaign: (teamId, options) => campaign(teamId, options?.deleted),
    removeContact: async (contactId) => void (await db.deleteFrom('contacts').where('id', '=', contactId).execute()),
    async decisions(teamId, decisions) {
      // in the order given, as the checks append them: the order within one instant is the order written
      for (let from = 0; from < decisions.length; from += DECISIONS_PER_INSERT) {
        await db.insertInto('complianceDecisions').values(decisions.slice(from, from + DECISIONS_PER_INSERT).map((d) => ({ teamId, ...d }))).execute();
      }
    },
  };
}
