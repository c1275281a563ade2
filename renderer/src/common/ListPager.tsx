import { Group, Pagination, Text } from '@mantine/core';
import { countOf, type Noun } from './words';

interface Props {
  total: number;
  totalIsCapped: boolean;
  limit: number;
  offset: number;
  noun: Noun;
  onOffset(offset: number): void;
}

export function ListPager({ total, totalIsCapped, limit, offset, noun, onOffset }: Props) {
  const pages = Math.max(1, Math.ceil(total / limit) + (totalIsCapped ? 1 : 0));
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {countOf(total, noun, totalIsCapped)}
      </Text>
      <Pagination
        total={pages}
        value={Math.floor(offset / limit) + 1}
        onChange={(page) => onOffset((page - 1) * limit)}
        size="sm"
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
      />
    </Group>
  );
}
