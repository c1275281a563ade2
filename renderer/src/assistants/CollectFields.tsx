import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { COLLECT_TYPES } from '../../../shared/analysis/collect';
import type { DraftSectionProps } from './assistantDraft';
import { NEW_COLLECT_FIELD, type CollectDraft } from './collectDraft';

/** "What to collect": the fields the post-call analysis reads out of each conversation, and what makes a call a success. */
export function CollectFields({ draft, set, errorFor }: DraftSectionProps) {
  const { collect } = draft;
  const change = (at: number, changes: Partial<CollectDraft>) => set({ collect: collect.map((field, i) => (i === at ? { ...field, ...changes } : field)) });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        After each call with a conversation, its transcript is analysed: a summary, whether it was a success, and each field below.
      </Text>
      <Textarea
        label="Success criterion"
        description="In words: what makes a call a success"
        autosize
        minRows={2}
        value={draft.successCriterion}
        error={errorFor('successCriterion')}
        onChange={(e) => set({ successCriterion: e.currentTarget.value })}
      />
      {collect.map((field, at) => {
        const error = (name: string) => errorFor(`collect.${at}.${name}`);
        return (
          <Paper key={at} withBorder p="sm" role="group" aria-label={`Field ${at + 1}`}>
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput label="Key" placeholder="interest" value={field.key} error={error('key')} onChange={(e) => change(at, { key: e.currentTarget.value })} />
                <Select label="Type" data={[...COLLECT_TYPES]} allowDeselect={false} value={field.type} error={error('type')} onChange={(type) => type && change(at, { type: type as CollectDraft['type'] })} />
              </Group>
              <TextInput label="Description" description="What the analysis should look for" value={field.description} error={error('description')} onChange={(e) => change(at, { description: e.currentTarget.value })} />
              {field.type === 'enum' && (
                <TextInput label="Options" description="Comma-separated" placeholder="qualified, unqualified" value={field.options} error={error('options')} onChange={(e) => change(at, { options: e.currentTarget.value })} />
              )}
              <Group justify="space-between" align="flex-end">
                <TextInput
                  label="Write into the contact"
                  description="leadStatus (from an enum) or custom.<key>; empty: nowhere"
                  value={field.mapTo}
                  error={error('mapTo')}
                  onChange={(e) => change(at, { mapTo: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove field ${at + 1}`} onClick={() => set({ collect: collect.filter((_, i) => i !== at) })}>
                  ✕
                </ActionIcon>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button variant="light" onClick={() => set({ collect: [...collect, NEW_COLLECT_FIELD] })}>
          Add a field
        </Button>
      </Group>
    </Stack>
  );
}
