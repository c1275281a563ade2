import { describe, expect, it } from 'vitest';
import { offlineAnalyst } from '../../main/analysis/offlineAnalyst';
import { collectFields } from '../../shared/analysis/collect';

const fields = collectFields.parse([
  { key: 'interest', type: 'enum', options: ['interested', 'not_sure', 'not_interested'] },
  { key: 'seats', type: 'number' },
  { key: 'agreed', type: 'boolean' },
  { key: 'words', type: 'text' },
]);
const call = (...contact: string[]) => ({
  transcript: contact.flatMap((text, i) => [
    { speaker: 'agent' as const, text: 'Hello, this is Riley.', offsetMs: i * 2000, interrupted: false },
    { speaker: 'contact' as const, text, offsetMs: i * 2000 + 1000, interrupted: false },
  ]),
  fields,
  successCriterion: null,
});

describe('the offline analysis of a scripted conversation', () => {
  it('takes the option the contact said, the longest first, and a refusal over any yes', async () => {
    expect(await offlineAnalyst.analyse(call('Can you tell me a bit more?', 'I am not interested. Remove my number.'))).toMatchObject({
      success: false,
      fields: { interest: 'not_interested', seats: null, agreed: false, words: 'Can you tell me a bit more? I am not interested. Remove my number.' },
    });
    expect((await offlineAnalyst.analyse(call('Hmm, I am not sure.'))).fields.interest).toBe('not_sure');
  });

  it('calls a contact who is for it a success, with the hoped-for option and the number said', async () => {
    const answer = await offlineAnalyst.analyse(call('That sounds interesting.', 'We are 25 people.'));
    expect(answer).toEqual({
      summary: 'The assistant spoke with the contact over 4 turns; the contact ended with "We are 25 people.". They agreed.',
      success: true,
      fields: { interest: 'interested', seats: 25, agreed: true, words: 'That sounds interesting. We are 25 people.' },
    });
    expect(await offlineAnalyst.analyse(call('That sounds interesting.'))).toEqual(await offlineAnalyst.analyse(call('That sounds interesting.')));
  });
});
