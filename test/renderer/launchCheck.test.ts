import { describe, expect, it } from 'vitest';
import type { Preflight } from '../../shared/campaigns/preflight';
import { draftPreflightRequest, launchSummary, launchWarnings, type LaunchAssistant } from '../../renderer/src/campaigns/launchCheck';
import { EMPTY_DRAFT } from '../../renderer/src/campaigns/wizardRules';

const ASSISTANT: LaunchAssistant = {
  greeting: 'Hi {{firstName|there}}, about {{custom.plan|your plan}}?',
  prompt: 'You call {{ firstName | there }}, {{jobTitle}}, about {{custom.plan}}. Say {{email|}} only if asked.',
  voicemailMessage: null,
  engine: 'media-streams',
};
const NOTHING: Preflight = { enrolled: 40, missingVariables: {}, skipped: {}, neverLegal: 0, engineReachable: true };

describe('the launch check in words', () => {
  it('says what contacts without a value hear: the shared fallback, nothing, or nothing where a use has none', () => {
    const warnings = launchWarnings({ ...NOTHING, missingVariables: { firstName: 12, jobTitle: 1, 'custom.plan': 3, email: 2, company: 0 } }, ASSISTANT);
    expect(warnings).toEqual([
      '12 contacts have no first name — they’ll hear the fallback “there”.',
      '1 contact has no job title — {{jobTitle}} is left empty: give it a fallback, such as {{jobTitle|…}}.',
      '3 contacts have no “plan” value — {{custom.plan}} is left empty where it has no fallback.',
      '2 contacts have no email address — that part is left out on purpose (an empty fallback).',
    ]);
  });

  it('names who is never called and why, and an engine that does not answer first', () => {
    const preflight: Preflight = { enrolled: 40, missingVariables: {}, skipped: { dnc_list: 1, do_not_call: 2, no_common_window: 0 }, neverLegal: 5, engineReachable: false };
    expect(launchWarnings(preflight, ASSISTANT)).toEqual([
      'The agent endpoint did not answer: calls fail until it does.',
      '2 contacts won’t be called: do not call.',
      '1 contact won’t be called: on a DNC list.',
      '5 contacts won’t be called: the call window never meets legal calling hours where they are.',
    ]);
    expect(launchWarnings(preflight, { ...ASSISTANT, engine: 'realtime' })[0]).toMatch(/^The realtime voice engine could not be reached/);
    expect(launchWarnings({ ...NOTHING, engineReachable: null }, { ...ASSISTANT, engine: 'audio' })).toEqual([]);
  });

  it('for the audio engine: a greeting text that cannot be spoken, or nothing at all to say', () => {
    const cannot: Preflight = { ...NOTHING, engineReachable: false };
    expect(launchWarnings(cannot, { ...ASSISTANT, engine: 'audio' })).toEqual([
      'The greeting can’t be spoken: no OpenAI API key is set in Settings → Voice engine. Calls fail until one is, or greeting audio is uploaded.',
    ]);
    expect(launchWarnings(cannot, { ...ASSISTANT, engine: 'audio', greeting: '  ' })).toEqual([
      'The assistant has nothing to say: upload greeting audio, or write a greeting for it to speak. Calls hang up as soon as they are answered.',
    ]);
  });

  it('sums it up in one line', () => {
    expect(launchSummary(NOTHING, [])).toBe('40 contacts: every value the templates use is there, and all can be called.');
    expect(launchSummary(NOTHING, ['x'])).toBe('40 contacts: worth a look before launch (warnings only; nothing is blocked).');
    expect(launchSummary({ ...NOTHING, enrolled: 0 }, [])).toBe('No contacts to call yet.');
  });
});

describe("the New Campaign dialog's draft check", () => {
  const chosen = { ...EMPTY_DRAFT, assistantId: 'asst_1', companyId: 'co_1', callWindowStart: '08:00' };

  it('waits for an assistant and a company, then asks about the audience the dialog would enrol, in its window', () => {
    expect(draftPreflightRequest(EMPTY_DRAFT)).toBeNull();
    expect(draftPreflightRequest({ ...chosen, companyId: null })).toBeNull();
    expect(draftPreflightRequest(chosen)).toEqual({
      assistantId: 'asst_1',
      companyId: 'co_1',
      audience: { mode: 'all_eligible', companyId: 'co_1', hasPhoneOnly: true, excludeDnc: true },
      callWindowStart: '08:00',
      callWindowEnd: EMPTY_DRAFT.callWindowEnd,
      callWindowTimezone: EMPTY_DRAFT.callWindowTimezone,
      useContactTimezone: EMPTY_DRAFT.useContactTimezone,
      legalHoursGuard: EMPTY_DRAFT.legalHoursGuard,
      fromNumberIds: [],
    });
    expect(draftPreflightRequest({ ...chosen, fromNumberIds: ['pn_1'] })?.fromNumberIds).toEqual(['pn_1']);
  });

  it('sends the picked contacts, or the narrowed audience when all eligible are selected', () => {
    expect(draftPreflightRequest({ ...chosen, audienceMode: 'manual', contactIds: ['c1', 'c2'] })).toMatchObject({ contactIds: ['c1', 'c2'] });
    const narrowed = draftPreflightRequest({ ...chosen, audienceMode: 'manual', selectAllEligible: true, filter: { ...chosen.filter, search: ' ann ' } });
    expect(narrowed).toMatchObject({ audience: { mode: 'all_eligible', search: 'ann' } });
    expect(narrowed).not.toHaveProperty('contactIds');
  });
});
