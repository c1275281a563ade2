import { Text } from '@mantine/core';
import { useState } from 'react';
import type { ExportRequest } from '../../../shared/exports/exports';
import { showError } from '../common/errors';
import { runExport } from './runExport';

type ExportState = { phase: 'idle' } | { phase: 'running'; rows: number } | { phase: 'done'; file: string; rows: number };

/** One export at a time from a button: its progress while it runs, then where the file went. */
export function useExport() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  async function start(request: ExportRequest): Promise<void> {
    setState({ phase: 'running', rows: 0 });
    try {
      const outcome = await runExport(request, (rows) => setState({ phase: 'running', rows }));
      setState(outcome.file === null ? { phase: 'idle' } : { phase: 'done', file: outcome.file, rows: outcome.rows });
    } catch (error) {
      setState({ phase: 'idle' });
      showError(error);
    }
  }

  const status =
    state.phase === 'idle' ? null : (
      <Text size="xs" c="dimmed" role="status" aria-label="Export progress">
        {state.phase === 'running' ? `Exporting… ${state.rows.toLocaleString()} rows written` : `Exported ${state.rows.toLocaleString()} rows to ${state.file}`}
      </Text>
    );
  return { running: state.phase === 'running', start, status };
}
