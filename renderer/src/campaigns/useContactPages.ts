import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../../shared/contract/channels';
import type { Contact } from '../../../shared/crm/types';
import { api } from '../api/api';
import { showError } from '../common/errors';

export const CONTACT_PAGE = 100;

type ContactQuery = Omit<RequestOf<'contacts.list'>, 'limit' | 'offset'>;

interface Loaded {
  /** Rows the list shows: the total, grown a page at a time past main's counting cap as pages come in full. */
  count: number;
  /** main stopped counting (10,000+); the count grows while scrolling. */
  capped: boolean;
  /** Bumped when a page arrives, so the list renders the rows it brought. */
  version: number;
}

/**
 * A contact list fetched a page at a time (contacts.list offset/limit) as rows come into view; any
 * change of the query starts over. Only the pages asked for are held, so a million contacts cost what is scrolled.
 */
export function useContactPages(query: ContactQuery | null) {
  const key = query ? JSON.stringify(query) : '';
  const pages = useRef(new Map<number, Contact[] | 'loading'>());
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  const loadPage = useCallback(
    (index: number) => {
      if (!key || pages.current.has(index)) return;
      const current = pages.current;
      current.set(index, 'loading');
      api
        .invoke('contacts.list', { ...(JSON.parse(key) as ContactQuery), offset: index * CONTACT_PAGE, limit: CONTACT_PAGE })
        .then((page) => {
          if (pages.current !== current) return;
          current.set(index, page.items);
          setLoaded((prev) => {
            const end = index * CONTACT_PAGE + page.items.length;
            const full = page.items.length === CONTACT_PAGE;
            let count = Math.max(prev?.count ?? 0, page.total);
            let capped = (prev?.capped ?? false) || page.totalIsCapped;
            if (!full && (page.items.length > 0 || index === 0)) [count, capped] = [end, false];
            else if (capped && end + CONTACT_PAGE > count) count = end + CONTACT_PAGE;
            return { count, capped, version: (prev?.version ?? 0) + 1 };
          });
        })
        .catch((error) => {
          current.delete(index);
          showError(error);
        });
    },
    [key],
  );

  useEffect(() => {
    pages.current = new Map();
    setLoaded(null);
    loadPage(0);
  }, [key, loadPage]);

  const contactAt = (row: number): Contact | undefined => {
    const page = pages.current.get(Math.floor(row / CONTACT_PAGE));
    return page && page !== 'loading' ? page[row % CONTACT_PAGE] : undefined;
  };
  /** Loads every page a range of rows touches. */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / CONTACT_PAGE); p <= Math.floor(last / CONTACT_PAGE); p++) loadPage(p);
    },
    [loadPage],
  );
  return { count: loaded?.count ?? 0, capped: loaded?.capped ?? false, ready: loaded !== null, contactAt, ensureRows };
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
