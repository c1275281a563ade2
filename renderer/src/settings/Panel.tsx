import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One titled section of the Settings page, a region named by its title. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={3}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}
