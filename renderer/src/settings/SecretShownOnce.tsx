import { Alert, Button, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';

/** A secret the app shows only this once (a webhook's signing secret), with a copy button. */
export function SecretShownOnce({ title, label, secret, onClose }: { title: string; label: string; secret: string; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow" title="Copy it now">
          It will not be shown again. If it is lost, rotate the secret to get a new one.
        </Alert>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput label={label} readOnly value={secret} style={{ flex: 1 }} ff="monospace" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
