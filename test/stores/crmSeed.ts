// Rows the CRM stores cannot make through their interfaces (they only count or read them, or another feature writes
// them): contacts, campaigns, uploaded media, SIP trunks, and assistants and numbers for the other stores' suites.
// Seeded through Kysely, which writes them alike on every engine.
import type { Kysely } from 'kysely';
import type { Database } from '../../main/db/schema';
import type { PhoneNumberStatus } from '../../shared/crm/types';

export interface SeedContact {
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  jobTitle?: string;
  timezone?: string;
  phoneZones?: string;
  customFields?: Record<string, string>;
}

export interface CrmSeed {
  /** A contact of the team's company; its id. */
  contact(teamId: string, companyId: string, contact: SeedContact): Promise<string>;
  /** A campaign of the team dialing the company (with an assistant of its own), deleted or not; its id. */
  campaign(teamId: string, companyId: string, campaign: { name: string; status: string; deleted?: boolean }): Promise<string>;
  /** An uploaded WAV of the team; its id. */
  media(teamId: string): Promise<string>;
  /** A SIP trunk of the team; its id. */
  trunk(teamId: string): Promise<string>;
  /** An assistant of the team; its id. */
  assistant(teamId: string): Promise<string>;
  /** A number of the team answering for the assistant. */
  phoneNumber(teamId: string, assistantId: string, status: PhoneNumberStatus): Promise<void>;
}

export function crmSeed(db: Kysely<Database>): CrmSeed {
  let made = 0;
  const nextId = (prefix: string) => `${prefix}_seed${++made}`;
  const stamps = { createdAt: 0, updatedAt: 0 };

  async function assistant(teamId: string) {
    const id = nextId('asst');
    await db.insertInto('assistants').values({ id, teamId, name: `Assistant ${made}`, outboundEnabled: 0, provider: 'simulator', ...stamps }).execute();
    return id;
  }

  return {
    assistant,
    async contact(teamId, companyId, { customFields = {}, ...contact }) {
      const id = nextId('cnt');
      await db
        .insertInto('contacts')
        .values({ id, teamId, companyId, ...contact, customFields: JSON.stringify(customFields), leadStatus: 'new', doNotCall: 0, tags: '[]', ...stamps })
        .execute();
      return id;
    },
    async campaign(teamId, companyId, { name, status, deleted }) {
      const id = nextId('cmp');
      await db
        .insertInto('campaigns')
        .values({
          id, teamId, name, description: '', keepOpen: 0, status: status as Database['campaigns']['status'], companyId, assistantId: await assistant(teamId),
          callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York', useContactTimezone: 0,
          maxConcurrentCalls: 1, maxAttemptsPerContact: 3, retryDelayMinutes: 60, retryDelayMinutesNoAnswer: 60, retryDelayMinutesBusy: 60,
          retryDelayMinutesError: 60, retryBackoff: 'fixed', retryBackoffMultiplier: 1, retryBackoffCapMinutes: 60, retryOnError: 0,
          retryOnVoicemail: 0, voicemailAction: 'hangup', deletedAt: deleted ? 0 : null, ...stamps,
        })
        .execute();
      return id;
    },
    async media(teamId) {
      const id = nextId('med');
      await db.insertInto('media').values({ id, teamId, name: 'hello.wav', durationMs: 1000, bytes: 100, createdAt: 0 }).execute();
      return id;
    },
    async trunk(teamId) {
      const id = nextId('trk');
      await db
        .insertInto('sipTrunks')
        .values({ id, teamId, name: 'Trunk', host: 'sip.example.com', port: 5060, transport: 'udp', username: null, password: null, fromUser: null, fromDomain: null, maxCallSeconds: 3600, ringTimeoutSeconds: 30, ...stamps })
        .execute();
      return id;
    },
    async phoneNumber(teamId, assistantId, status) {
      await db
        .insertInto('phoneNumbers')
        .values({ id: nextId('num'), teamId, number: `+1555000${String(made).padStart(4, '0')}`, label: null, provider: 'simulator', providerConfig: '{}', status, assistantId, ...stamps })
        .execute();
    },
  };
}
