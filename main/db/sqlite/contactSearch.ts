// The contacts_search FTS5 trigram index is the embedded engine's own, so its filter lives in main/db/sqlite.
import { sql, type Expression, type RawBuilder } from 'kysely';
import { looksLikePhone, phoneDigits } from '../../../shared/phone';
import { containsText } from '../like';

/** The trigram index matches substrings of 3+ characters; shorter searches scan. */
const MIN_INDEXED = 3;

function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A filter on contacts (aliased `contacts`) for a search box text: name, email or phone
 * substring, case-insensitive. Phone-looking text is matched on digits.
 */
export function contactSearchFilter(text: string): Expression<boolean> {
  const term = text.trim();
  if (looksLikePhone(term)) {
    const digits = phoneDigits(term);
    if (digits.length >= MIN_INDEXED) return ftsFilter(`phone : ${ftsPhrase(digits)}`);
    return containsText('contacts.phone', digits);
  }
  if (term.length >= MIN_INDEXED) return ftsFilter(`{name email} : ${ftsPhrase(term)}`);
  return sql<boolean>`(${containsText('contacts.first_name', term)} OR ${containsText(
    'contacts.last_name',
    term,
  )} OR ${containsText('contacts.email', term)})`;
}

function ftsFilter(query: string): RawBuilder<boolean> {
  return sql<boolean>`contacts.seq IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ${query})`;
}
