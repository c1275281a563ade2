import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { create } from 'zustand';

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The confirming button's label, e.g. "Delete campaign". */
  confirmLabel: string;
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  answer(yes: boolean): void;
}

const usePending = create<{ pending: Pending | null }>(() => ({ pending: null }));

/** Asks in a modal dialog (instead of window.confirm); resolves true when the person confirms. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  usePending.getState().pending?.answer(false);
  return new Promise((resolve) => {
    usePending.setState({
      pending: {
        ...options,
        answer: (yes) => {
          usePending.setState({ pending: null });
          resolve(yes);
        },
      },
    });
  });
}

/** Where confirm() shows its dialog; mounted once beside the app. */
export function ConfirmHost() {
  const pending = usePending((s) => s.pending);
  if (!pending) return null;
  return (
    <Modal opened onClose={() => pending.answer(false)} title={pending.title} centered>
      <Stack>
        <Text size="sm">{pending.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => pending.answer(false)}>
            Keep it
          </Button>
          <Button color={pending.danger ? 'red' : undefined} onClick={() => pending.answer(true)} data-autofocus>
            {pending.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
