/** A team's do-not-call list as kept, with what it holds and blocks. Instants are UTC ms. */
export interface StoredDncList {
  id: string;
  name: string;
  /** Numbers on the list. */
  numbers: number;
  /** Contacts of the team whose phone is on the list. */
  blockedContacts: number;
  /** Enrolments of the team's contacts skipped because their number is on the list. */
  blockedEnrolments: number;
  createdAt: number;
  updatedAt: number;
}

/** A number on a list, in E.164. */
export interface ListedNumber {
  e164: string;
  addedAt: number;
}

/** Which numbers of a list to read: those containing `containing` (any text, taken literally), one page of them. */
export interface NumberSearch {
  containing: string;
  limit: number;
  offset: number;
}

/**
 * Where do-not-call lists and their numbers persist; every engine implements it. Lists are created, and files of
 * numbers added, by the import task on the engine's own writer; this is everything else a person does to them.
 * Each method acts only on the team's own lists: another team's list is as good as missing.
 */
export interface DncStore {
  /** The team's lists, by name. */
  lists(teamId: string): Promise<StoredDncList[]>;
  list(teamId: string, id: string): Promise<StoredDncList | undefined>;
  /** Whether the team has the list: the cheap check, without counting what it blocks. */
  hasList(teamId: string, id: string): Promise<boolean>;
  /** The id of the team's list with this exact name. */
  listNamed(teamId: string, name: string): Promise<string | undefined>;
  /** Renames a list (the name must be free in the team) as changed at `at`; false when the team has no such list. */
  rename(teamId: string, id: string, name: string, at: number): Promise<boolean>;
  /** Deletes a list with all its numbers; false when the team has no such list. */
  remove(teamId: string, id: string): Promise<boolean>;
  /** A page of a list's numbers in E.164 order, with how many match in all. */
  numbers(teamId: string, listId: string, search: NumberSearch): Promise<{ items: ListedNumber[]; total: number }>;
  /** Puts a number on a list, the list changed at `at`; false when it was there already (or the list is not the team's). */
  addNumber(teamId: string, listId: string, e164: string, at: number): Promise<boolean>;
  /** Takes a number off a list, the list changed at `at`; false when it was not on it. */
  removeNumber(teamId: string, listId: string, e164: string, at: number): Promise<boolean>;
}
