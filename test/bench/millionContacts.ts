import { openCore, type Core } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { tempFile } from '../support/tempFiles';
import { report, timeMs } from './measure';
import { person } from './people';

export const MILLION = 1_000_000;

export interface MillionFixture {
  core: Core;
  companyId: string;
}

let fixture: Promise<MillionFixture> | undefined;

/** One workspace with a company of 1,000,000 contacts, built once per bench run with raw prepared inserts. */
export function millionContacts(): Promise<MillionFixture> {
  fixture ??= (async () => {
    const core = await openCore({ dbFile: tempFile('million.db'), log: silentLogger, dial: false });
    const company = await core.services.companies.create(core.localTeam, { name: 'Big', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
    const sqlite = core.services.store.sqlite;
    const insert = sqlite.prepare(
      `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, email, do_not_call, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const loadMs = await timeMs(() =>
      sqlite.transaction(() => {
        const now = Date.now();
        for (let i = 0; i < MILLION; i++) {
          const p = person(i);
          insert.run(`cnt_${i}`, core.localTeam.teamId, company.id, p.first, p.last, p.phoneE164, p.email, i % 50 === 0 ? 1 : 0, now, now);
        }
      })(),
    );
    report('fixture: 1M contacts', { loadMs });
    return { core, companyId: company.id };
  })();
  return fixture;
}

export async function closeMillionContacts(): Promise<void> {
  if (fixture) await (await fixture).core.close();
  fixture = undefined;
}

/** A caller (assistant + number) for campaigns on the fixture. */
export async function benchCaller(core: Core): Promise<{ assistantId: string; numberId: string }> {
  const team = core.localTeam;
  const assistant = await core.services.assistants.create(team, { name: 'Bench caller', greeting: null, prompt: null, voicemailMessage: null, outboundEnabled: true, provider: 'simulator' });
  const number = await core.services.phoneNumbers.create(team, {
    number: `+1202555${String(1000 + Math.floor(Math.random() * 8999))}`, label: null, provider: 'simulator', status: 'active', assistantId: assistant.id, providerConfig: {},
  });
  return { assistantId: assistant.id, numberId: number.id };
}
