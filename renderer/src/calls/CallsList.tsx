import { Anchor, Box, Loader, ScrollArea, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { CallSummary } from '../../../shared/calls/types';
import { callPath } from '../app/navigation';
import type { usePagedRows } from '../common/usePagedRows';
import { formatDuration, formatTime, OUTCOME_LABEL } from '../monitoring/format';

const ROW_HEIGHT = 40;
const COLUMNS = ['Started', 'Campaign', 'Contact', 'To', 'Outcome', 'Duration'];
const GRID: CSSProperties = { display: 'grid', gridTemplateColumns: '1.3fr 1.4fr 1.3fr 1.1fr 0.9fr 0.6fr', alignItems: 'center', gap: 'var(--mantine-spacing-xs)' };
const cellText: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

function Cell({ children }: { children: ReactNode }) {
  return (
    <Text role="cell" size="sm" style={cellText}>
      {children}
    </Text>
  );
}

/** One call: its start opens the detail. */
function CallRow({ call }: { call: CallSummary }) {
  return (
    <>
      <Cell>
        <Anchor component={Link} href={callPath(call.id)} size="sm">
          {formatTime(call.startedAt, undefined, true)}
        </Anchor>
      </Cell>
      <Cell>{call.campaignName}</Cell>
      <Cell>{call.contactName ?? '(deleted contact)'}</Cell>
      <Cell>{call.toNumber}</Cell>
      <Cell>{call.outcome ? OUTCOME_LABEL[call.outcome] : 'In progress'}</Cell>
      <Cell>{formatDuration(call.durationSeconds)}</Cell>
    </>
  );
}

/** The calls of the filters, newest first, as a table whose rows are only rendered (and fetched) when scrolled to. */
export function CallsList({ rows, resetKey }: { rows: ReturnType<typeof usePagedRows<'calls.list'>>; resetKey: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { count, ensureRows } = rows;
  useEffect(() => {
    if (count) ensureRows(first, last);
  }, [first, last, count, ensureRows]);
  useEffect(() => virtualizer.scrollToOffset(0), [resetKey, virtualizer]);

  return (
    <Box role="table" aria-label="Calls" aria-rowcount={rows.count + 1} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Box role="rowgroup">
        <Box role="row" aria-rowindex={1} px="sm" py={6} style={{ ...GRID, borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          {COLUMNS.map((name) => (
            <Text key={name} role="columnheader" size="sm" fw={600}>
              {name}
            </Text>
          ))}
        </Box>
      </Box>
      <ScrollArea h="calc(100vh - 330px)" mih={240} type="auto" viewportRef={scrollRef}>
        {rows.ready && rows.count === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            No call matches these filters.
          </Text>
        )}
        <Box role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const call = rows.rowAt(item.index);
            return (
              <Box
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                px="sm"
                style={{ ...GRID, position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {call ? <CallRow call={call} /> : <Loader size="xs" aria-label="Loading calls" />}
              </Box>
            );
          })}
        </Box>
      </ScrollArea>
    </Box>
  );
}
