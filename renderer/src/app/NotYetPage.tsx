import { Stack, Text, Title } from '@mantine/core';

/** A sidebar destination whose screens are not built yet; says so plainly. */
export function NotYetPage({ title, detail }: { title: string; detail: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{detail}</Text>
    </Stack>
  );
}
