/** What the import compares to tell that a row is a contact the company already has. */
export interface DedupeKey {
  kind: 'phone' | 'email' | 'name';
  /** The field a duplicate is reported on. */
  field: 'phone' | 'email' | 'name';
  /** How the duplicate is named in its row error. */
  label: string;
  /** Equal for rows that are the same contact. */
  id: string;
}

/** Case folding as SQLite's lower() does it (ASCII letters only), so a key made here matches one compared in SQL. */
export const foldCase = (text: string): string => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * A contact's identity within its company: its phone (E.164) when it has one, else its email (any case), else its
 * first and last name (any case). Two contacts with the same key are the same person.
 */
export function dedupeKey(contact: { phone: string | null; email: string | null; firstName: string; lastName: string }): DedupeKey {
  if (contact.phone) return { kind: 'phone', field: 'phone', label: contact.phone, id: `phone:${contact.phone}` };
  if (contact.email) return { kind: 'email', field: 'email', label: contact.email, id: `email:${foldCase(contact.email)}` };
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  return { kind: 'name', field: 'name', label: `"${name}"`, id: `name:${foldCase(contact.firstName)}\n${foldCase(contact.lastName)}` };
}
