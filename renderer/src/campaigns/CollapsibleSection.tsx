import { Button, Collapse, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** The toggle's words and the group's accessible name. */
  title: string;
  /** What is set inside, shown beside the toggle so a closed section still tells it. */
  summary?: string;
  opened: boolean;
  onToggle(): void;
  children: ReactNode;
}

/** A part of the campaign dialog that stays folded until asked for. */
export function CollapsibleSection({ title, summary, opened, onToggle, children }: Props) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <Button variant="subtle" size="compact-sm" onClick={onToggle} aria-expanded={opened} aria-controls={id} style={{ flexShrink: 0 }}>
          {opened ? '▾' : '▸'} {title}
        </Button>
        {summary && (
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
        )}
      </Group>
      <Collapse in={opened}>
        <Stack gap="sm" id={id} role="group" aria-label={title}>
          {children}
        </Stack>
      </Collapse>
    </Stack>
  );
}
