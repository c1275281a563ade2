import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a page, named by its title for assistive technology (a landmark region). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}
