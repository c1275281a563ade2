import { Box, Button, Checkbox, Group, Loader, ScrollArea, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { Contact } from '../../../shared/crm/types';
import type { LeadStatus } from '../../../shared/crm/leadStatus';
import { formatCount, leadStatusOptions } from '../common/options';
import { countOf, NOUNS } from '../common/words';
import { ineligibleLabel } from '../contacts/callable';
import type { DraftSectionProps } from './draftForm';
import { useContactCount, useContactPages } from './useContactPages';
import type { AudienceFilter } from './wizardRules';

const ROW_HEIGHT = 34;
const LIST_HEIGHT = 240;

function contactLabel(contact: Contact): string {
  const name = `${contact.firstName} ${contact.lastName}`.trim() || '(no name)';
  return `${name} · ${contact.phone ?? 'no phone'}`;
}

/** Manual select: filters, a virtualised contact list fetched page by page, and "Select all eligible" sent as a filter. */
export function ManualAudience({ draft, patch, companyId }: DraftSectionProps & { companyId: string }) {
  const { filter, selectAllEligible, contactIds } = draft;
  const setFilter = (changes: Partial<AudienceFilter>) => patch({ filter: { ...filter, ...changes } });
  const [search] = useDebouncedValue(filter.search.trim(), 200);
  const narrowing = useMemo(
    () => ({ companyId, ...(search ? { search } : {}), ...(filter.leadStatus ? { leadStatus: filter.leadStatus } : {}) }),
    [companyId, search, filter.leadStatus],
  );
  const listQuery = useMemo(
    () => ({ ...narrowing, ...(filter.hasPhone ? { hasPhone: true } : {}), ...(filter.excludeDnc ? { excludeDnc: true } : {}) }),
    [narrowing, filter.hasPhone, filter.excludeDnc],
  );
  const eligibleQuery = useMemo(() => ({ ...narrowing, eligibleOnly: true }), [narrowing]);
  const list = useContactPages(listQuery);
  const eligible = useContactCount(eligibleQuery);
  const selected = useMemo(() => new Set(contactIds), [contactIds]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: list.count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (list.count) list.ensureRows(first, last);
  }, [first, last, list]);
  useEffect(() => virtualizer.scrollToOffset(0), [listQuery, virtualizer]);

  const toggle = (id: string, on: boolean) => patch({ contactIds: on ? [...contactIds, id] : contactIds.filter((x) => x !== id) });
  const allEligible = eligible ? countOf(eligible.total, NOUNS.eligibleContact, eligible.capped) : '… eligible contacts';

  return (
    <Stack gap="xs">
      <Group grow align="flex-end">
        <TextInput label="Search" placeholder="Name, email or phone" value={filter.search} onChange={(e) => setFilter({ search: e.currentTarget.value })} />
        <Select
          label="Lead Status"
          placeholder="Any"
          clearable
          data={leadStatusOptions}
          value={filter.leadStatus}
          onChange={(value) => setFilter({ leadStatus: value as LeadStatus | null })}
        />
      </Group>
      <Group>
        <Switch label="Has phone" checked={filter.hasPhone} onChange={(e) => setFilter({ hasPhone: e.currentTarget.checked })} />
        <Switch label="Exclude DNC" checked={filter.excludeDnc} onChange={(e) => setFilter({ excludeDnc: e.currentTarget.checked })} />
      </Group>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" aria-live="polite">
          {selectAllEligible ? `All ${allEligible} selected` : `${contactIds.length} selected`}
          {' · '}
          {list.ready ? `${formatCount(list.count, list.capped)} shown` : 'loading…'}
        </Text>
        {/* one button that changes its words, so focus (and the dialog's scroll) stays where it is */}
        <Button
          size="compact-sm"
          variant={selectAllEligible ? 'default' : 'light'}
          disabled={!selectAllEligible && eligible?.total === 0}
          onClick={() => patch({ selectAllEligible: !selectAllEligible, contactIds: [] })}
        >
          {selectAllEligible ? 'Clear selection' : 'Select all eligible'}
        </Button>
      </Group>
      <ScrollArea h={LIST_HEIGHT} type="auto" viewportRef={scrollRef} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
        <Box role="group" aria-label="Contacts to call" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {list.ready && list.count === 0 && (
            <Text size="sm" c="dimmed" p="xs">
              No contact matches.
            </Text>
          )}
          {rows.map((row) => {
            const contact = list.contactAt(row.index);
            const reason = contact ? ineligibleLabel(contact) : null;
            return (
              <Box key={row.key} px="xs" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)`, display: 'flex', alignItems: 'center' }}>
                {contact ? (
                  <Checkbox
                    size="sm"
                    disabled={reason !== null || selectAllEligible}
                    checked={reason === null && (selectAllEligible || selected.has(contact.id))}
                    onChange={(e) => toggle(contact.id, e.currentTarget.checked)}
                    label={
                      <>
                        {contactLabel(contact)}
                        {reason && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {reason}
                          </Text>
                        )}
                      </>
                    }
                    styles={{ label: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}
                  />
                ) : (
                  <Loader size="xs" aria-label="Loading contacts" />
                )}
              </Box>
            );
          })}
        </Box>
      </ScrollArea>
      {selectAllEligible && (
        <Text size="xs" c="dimmed">
          Every callable contact matching these filters is enrolled, across all pages. To leave some out, clear the selection and pick by hand.
        </Text>
      )}
    </Stack>
  );
}
