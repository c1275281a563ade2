import { createPagedListStore } from '../common/pagedListStore';

/** "Has phone" and "Exclude DNC" start off here (the contacts page shows everyone); the campaign audience turns them on. */
export const useContacts = createPagedListStore('contacts.list', 'contact', { limit: 25 });
