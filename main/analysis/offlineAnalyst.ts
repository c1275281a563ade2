import type { AnalysisOutput, CollectField, FieldValue } from '../../shared/analysis/collect';
import type { Analyst, AnalysisRequest } from './analyst';

/** Words of a contact who is for it, and of one who is not (which outweigh them: "not sure" is no yes). */
const YES = /\b(sounds good|sounds interesting|interested|tell me (a bit )?more|yes please|let's do it|book)\b/i;
const NO = /\b(not interested|not sure|no thanks|no thank you|don't call|do not call|take me off|remove my number|already have|busy|call me back)\b/i;

const wordsOf = (option: string) => option.toLowerCase().split(/[\s_-]+/);
/** Whether the contact said an option: each of its words, in any order. */
const says = (heard: string, option: string) => wordsOf(option).every((word) => heard.includes(word));
/** The option the contact said, the longest first: "not interested" is not "interested". */
const optionSaid = (heard: string, options: readonly string[]) => [...options].sort((a, b) => wordsOf(b).length - wordsOf(a).length).find((option) => says(heard, option));

/** `said`: the contact's words as spoken; `heard`: the same in lower case, for matching. */
function valueOf(field: CollectField, said: string, heard: string, success: boolean): FieldValue {
  switch (field.type) {
    case 'enum':
      // the option the contact named, else the first (the hoped-for answer) on a success and the last otherwise
      return optionSaid(heard, field.options) ?? (success ? field.options[0] : field.options[field.options.length - 1]);
    case 'boolean':
      return success;
    case 'number': {
      const number = /-?\d+(\.\d+)?/.exec(heard);
      return number ? Number(number[0]) : null;
    }
    case 'text':
      return said.trim() || null;
  }
}

/**
 * The analysis of the dry run: read off the conversation itself, with no network and always the same for the
 * same words, so simulated calls and the offline demo carry summaries, successes and fields as real ones do.
 * A contact who speaks for it and never against it succeeded; each field takes what the contact said.
 */
export const offlineAnalyst = {
  async analyse({ transcript, fields }: AnalysisRequest): Promise<AnalysisOutput> {
    const contactTurns = transcript.filter((turn) => turn.speaker === 'contact').map((turn) => turn.text);
    const said = contactTurns.join(' ');
    const heard = said.toLowerCase();
    const success = YES.test(heard) && !NO.test(heard);
    const last = contactTurns[contactTurns.length - 1];
    const summary = last
      ? `The assistant spoke with the contact over ${transcript.length} turns; the contact ended with "${last}". ${success ? 'They agreed.' : 'They did not agree.'}`
      : `The assistant spoke over ${transcript.length} turns and the contact said nothing.`;
    return { summary, success, fields: Object.fromEntries(fields.map((field) => [field.key, valueOf(field, said, heard, success)])) };
  },
} satisfies Analyst;
