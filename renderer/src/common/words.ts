import { formatCount } from './options';

/** A noun in both numbers, for counts ("1 contact", "2 contacts"): English plurals are not all a trailing s. */
export interface Noun {
  one: string;
  many: string;
}

export const NOUNS = {
  call: { one: 'call', many: 'calls' },
  eligibleContact: { one: 'eligible contact', many: 'eligible contacts' },
  contact: { one: 'contact', many: 'contacts' },
  company: { one: 'company', many: 'companies' },
  number: { one: 'number', many: 'numbers' },
  row: { one: 'row', many: 'rows' },
  duplicate: { one: 'duplicate', many: 'duplicates' },
} satisfies Record<string, Noun>;

/** "1 contact", "1,234 contacts", "500+ contacts" (capped: there are more than counted). */
export function countOf(n: number, noun: Noun, capped = false): string {
  return `${formatCount(n, capped)} ${n === 1 && !capped ? noun.one : noun.many}`;
}
