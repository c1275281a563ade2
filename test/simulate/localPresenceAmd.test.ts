import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './oracle/invariants';
import { runSimulation, type SimulationResult } from '../../main/simulate/runSimulation';
import { scenarioSchema } from '../../main/simulate/scenario';

const RAW = JSON.parse(readFileSync(join(import.meta.dirname, '../scenarios/local-presence-amd.json'), 'utf8'));
const NEW_YORK = ['+12125550900', '+12125550901'];
const CHICAGO = ['+13125550900'];
const SAN_FRANCISCO = ['+14155550900'];

/** The numbers each contact area may be called from with local presence: same area code, else state, else zone. */
const NEAREST: Record<string, string[]> = {
  '212': NEW_YORK, '312': CHICAGO, '415': SAN_FRANCISCO,
  '347': NEW_YORK, '773': CHICAGO, '510': SAN_FRANCISCO, // same state
  '404': NEW_YORK, '214': CHICAGO, '206': SAN_FRANCISCO, // same time zone
  '303': [...NEW_YORK, ...CHICAGO, ...SAN_FRANCISCO], // Denver: none, the weighted pick
};

/** Each variant runs once; every test of it checks the invariants first. */
const runs = new Map<boolean, Promise<SimulationResult>>();
async function runWith(localPresence: boolean) {
  const scenario = scenarioSchema.parse({ ...RAW, campaign: { ...RAW.campaign, localPresence } });
  if (!runs.has(localPresence)) runs.set(localPresence, runSimulation(scenario));
  const result = await runs.get(localPresence)!;
  expect(checkInvariants(scenario, result)).toEqual([]);
  return result;
}

/** Each contact's one caller ID, by the contact's phone. */
function callerIds(result: SimulationResult): Map<string, string> {
  const froms = new Map<string, Set<string>>();
  for (const call of result.calls) froms.set(call.phone, (froms.get(call.phone) ?? new Set()).add(call.from));
  return new Map([...froms].map(([phone, set]) => {
    expect(set.size).toBe(1);
    return [phone, [...set][0]];
  }));
}

describe('local presence in a simulated campaign: numbers in 212, 312 and 415', () => {
  it('calls each contact from the number nearest it, on every attempt', async () => {
    const result = await runWith(true);
    const ids = callerIds(result);
    expect(ids.size).toBe(RAW.contacts.length);
    expect(result.calls.some((c) => c.attempt > 1)).toBe(true);
    for (const [phone, from] of ids) expect(NEAREST[phone.slice(2, 5)], `${phone} from ${from}`).toContain(from);
  });

  it('with local presence off, spreads the contacts over all four numbers regardless of where they are', async () => {
    const ids = callerIds(await runWith(false));
    const perNumber = new Map<string, number>();
    for (const from of ids.values()) perNumber.set(from, (perNumber.get(from) ?? 0) + 1);
    expect([...perNumber.keys()].sort()).toEqual([...NEW_YORK, ...CHICAGO, ...SAN_FRANCISCO].sort());
    const sameArea = [...ids].filter(([phone, from]) => phone.slice(2, 5) === from.slice(2, 5)).length;
    expect(sameArea / ids.size).toBeLessThan(0.5);
  });

  it('reports what detection decided and the misdetections the scenario asked for', async () => {
    const { summary } = await runWith(true);
    const amd = summary.amd!;
    // every picked-up call went through detection; a machine's ends as voicemail, anyone else's as answered
    expect(amd.calls).toBe((summary.outcomes.answered ?? 0) + (summary.outcomes.voicemail ?? 0));
    expect(amd.decided.machine).toBe(summary.outcomes.voicemail);
    expect(amd.decided.human + amd.decided.unknown).toBe(summary.outcomes.answered);
    expect(amd.answeredBy.human + amd.answeredBy.machine).toBe(amd.calls);
    expect(amd.misdetected.humanAsMachine).toBeGreaterThan(0);
    expect(amd.misdetected.machineAsHuman).toBeGreaterThan(0);
  });
});
