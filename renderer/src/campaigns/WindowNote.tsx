import { Text } from '@mantine/core';
import { windowNote } from '../../../shared/time/callWindow';

/** Under a call window's fields: what the window means when that is not what it looks like (it runs overnight). */
export function WindowNote({ start, end }: { start: string; end: string }) {
  const note = windowNote(start, end);
  return note ? (
    <Text size="sm" c="dimmed" role="note" aria-label="Call window">
      {note}
    </Text>
  ) : null;
}
