import { millionContacts } from './millionContacts';
import { percentile, report, timeMs } from './measure';
import { person } from './people';

const QUERIES = 200;

/** Contact search at 1,000,000 contacts through the real service (a page of 50 plus the capped total). */
export async function benchContactSearch(): Promise<void> {
  const { core } = await millionContacts();
  const searches: Record<string, (i: number) => string> = {
    'last-name substring': (i) => person(i * 4_999).last.slice(2, 8),
    'phone prefix': (i) => person(i * 4_999).phoneE164.slice(0, 8),
  };
  for (const [kind, term] of Object.entries(searches)) {
    const samples: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const search = term(i);
      samples.push(await timeMs(() => core.services.contacts.list(core.localTeam, { search, limit: 50, offset: 0 })));
    }
    report(`contact search 1M, ${kind}`, { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), goal: 'p95 <= 50' });
  }
}
