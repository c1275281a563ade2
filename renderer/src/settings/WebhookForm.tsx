import { Button, Checkbox, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from '../../../shared/webhooks/types';
import { useSave } from '../common/useSave';

export interface WebhookFormValues {
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
}

/** Adds an endpoint (`editing` absent) or edits one: its URL, the events it wants, and whether it is on. */
export function WebhookForm({ editing, save, onClose }: { editing?: WebhookEndpoint; save: (values: WebhookFormValues) => Promise<unknown>; onClose: () => void }) {
  const [url, setUrl] = useState(editing?.url ?? '');
  const [events, setEvents] = useState<string[]>(editing?.events ?? []);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const { errors, saving, submit } = useSave(() => save({ url, events: events as WebhookEventType[], enabled }), onClose);
  const eventErrors = Object.entries(errors).filter(([field]) => field.startsWith('events')).map(([, message]) => message);

  return (
    <Modal opened onClose={onClose} title={editing ? 'Edit webhook' : 'Add webhook'} size="lg">
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Stack>
          <TextInput label="Endpoint URL" placeholder="https://example.com/dialwell" value={url} error={errors.url} onChange={(e) => setUrl(e.currentTarget.value)} data-autofocus />
          <Checkbox.Group label="Events" value={events} onChange={setEvents} error={eventErrors[0]}>
            <Stack gap={6} mt={6}>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={type} />
              ))}
            </Stack>
          </Checkbox.Group>
          {editing && <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? 'Save webhook' : 'Add webhook'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
