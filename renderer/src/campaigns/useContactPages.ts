import { useEffect, useState } from 'react';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { usePagedRows, type PagedQuery } from '../common/usePagedRows';

type ContactQuery = PagedQuery<'contacts.list'>;

/** The contacts of a query a page at a time, as rows come into view (see usePagedRows). */
export function useContactPages(query: ContactQuery | null) {
  const { rowAt, ...rows } = usePagedRows('contacts.list', query);
  return { ...rows, contactAt: rowAt };
}

/** How many contacts match a query (up to main's cap), reloaded when it changes. */
export function useContactCount(query: ContactQuery | null): { total: number; capped: boolean } | null {
  const key = query ? JSON.stringify(query) : '';
  const [count, setCount] = useState<{ key: string; total: number; capped: boolean } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    api
      .invoke('contacts.list', { ...(JSON.parse(key) as ContactQuery), limit: 1, offset: 0 })
      .then((page) => live && setCount({ key, total: page.total, capped: page.totalIsCapped }))
      .catch(showError);
    return () => {
      live = false;
    };
  }, [key]);
  return count && count.key === key ? count : null;
}
