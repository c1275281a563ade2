// The trigram indexes of migration 6 (contact-search) are PostgreSQL's own, so the filter they serve lives here.
import { sql, type Expression } from 'kysely';
import { looksLikePhone, phoneDigits } from '../../../shared/phone';
import { likePattern } from '../like';

/**
 * A filter on contacts (aliased `contacts`) for a search box text: name ("first last"), email or phone substring,
 * any case; phone-looking text is matched on digits. Each side is exactly an indexed expression, so the planner
 * answers it from the GIN trigram indexes (three characters or more; a shorter text is a scan either way).
 * likePattern's backslash escapes are PostgreSQL's default LIKE escape, so no ESCAPE clause is needed.
 */
export function postgresContactSearchFilter(text: string): Expression<boolean> {
  const term = text.trim();
  if (looksLikePhone(term)) return sql<boolean>`replace(contacts.phone, '+', '') LIKE ${likePattern(phoneDigits(term))}`;
  const pattern = likePattern(term);
  return sql<boolean>`((contacts.first_name || ' ' || contacts.last_name) ILIKE ${pattern} OR contacts.email ILIKE ${pattern})`;
}
