import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract/channels';
import { api } from '../api/api';
import { showError } from './errors';

/** The list channels paged on the main side by offset and limit. */
export type PagedChannel = 'contacts.list' | 'calls.list';
export type RowOf<C extends PagedChannel> = ResponseOf<C>['items'][number];
export type PagedQuery<C extends PagedChannel> = Omit<RequestOf<C>, 'limit' | 'offset'>;

export const ROW_PAGE = 100;

interface Loaded {
  /** Rows the list shows: the total, grown a page at a time past main's counting cap as pages come in full. */
  count: number;
  /** main stopped counting (10,000+); the count grows while scrolling. */
  capped: boolean;
  /** Bumped when a page arrives, so the list renders the rows it brought. */
  version: number;
}

/**
 * A list fetched a page at a time (offset/limit) as its rows come into view, for a virtualised list; any
 * change of the query starts over. Only the pages asked for are held, so a million rows cost what is scrolled.
 */
export function usePagedRows<C extends PagedChannel>(channel: C, query: PagedQuery<C> | null) {
  const key = query ? JSON.stringify(query) : '';
  const pages = useRef(new Map<number, RowOf<C>[] | 'loading'>());
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  const loadPage = useCallback(
    (index: number) => {
      if (!key || pages.current.has(index)) return;
      const current = pages.current;
      current.set(index, 'loading');
      api
        .invoke(channel, { ...(JSON.parse(key) as PagedQuery<C>), offset: index * ROW_PAGE, limit: ROW_PAGE } as RequestOf<C>)
        .then((page) => {
          if (pages.current !== current) return;
          const items = page.items as RowOf<C>[];
          current.set(index, items);
          setLoaded((prev) => {
            const end = index * ROW_PAGE + items.length;
            const full = items.length === ROW_PAGE;
            let count = Math.max(prev?.count ?? 0, page.total);
            let capped = (prev?.capped ?? false) || page.totalIsCapped;
            if (!full && (items.length > 0 || index === 0)) [count, capped] = [end, false];
            else if (capped && end + ROW_PAGE > count) count = end + ROW_PAGE;
            return { count, capped, version: (prev?.version ?? 0) + 1 };
          });
        })
        .catch((error) => {
          current.delete(index);
          showError(error);
        });
    },
    [channel, key],
  );

  useEffect(() => {
    pages.current = new Map();
    setLoaded(null);
    loadPage(0);
  }, [key, loadPage]);

  const rowAt = (row: number): RowOf<C> | undefined => {
    const page = pages.current.get(Math.floor(row / ROW_PAGE));
    return page && page !== 'loading' ? page[row % ROW_PAGE] : undefined;
  };
  /** Loads every page a range of rows touches. */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / ROW_PAGE); p <= Math.floor(last / ROW_PAGE); p++) loadPage(p);
    },
    [loadPage],
  );
  return { count: loaded?.count ?? 0, capped: loaded?.capped ?? false, ready: loaded !== null, rowAt, ensureRows };
}
