import { Button, Group, Menu } from '@mantine/core';
import type { z } from 'zod';
import type { callsQuery } from '../../../shared/calls/schemas';
import { useExport } from './useExport';

/** The campaign's results, a row per enrolled contact, as a CSV file. */
export function ExportResultsButton({ campaignId }: { campaignId: string }) {
  const { running, start, status } = useExport();
  return (
    <Group gap="xs">
      {status}
      <Button size="xs" variant="light" loading={running} onClick={() => void start({ kind: 'results', campaignId })}>
        Export results (CSV)
      </Button>
    </Group>
  );
}

/** The calls the page's filters pick (null while they are not valid), as CSV or JSON Lines. */
export function ExportCallsMenu({ filters }: { filters: z.input<typeof callsQuery> | null }) {
  const { running, start, status } = useExport();
  const exportAs = (format: 'csv' | 'jsonl') => filters && void start({ kind: 'calls', format, filters });
  return (
    <Group gap="xs" justify="flex-end">
      {status}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button size="xs" variant="light" loading={running} disabled={!filters}>
            Export calls
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => exportAs('csv')}>CSV</Menu.Item>
          <Menu.Item onClick={() => exportAs('jsonl')}>JSON Lines</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
