import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  onClose(): void;
  onSubmit(): void;
  saving: boolean;
  submitLabel: string;
  closeLabel?: string;
  /** A further action shown at the left of the footer (e.g. Delete). */
  extraAction?: ReactNode;
  modalProps?: Partial<ModalProps>;
  children: ReactNode;
}

/**
 * The dialog every create/edit form uses: fields, then Cancel and the submit button; Enter submits. The browser's
 * own checks are off (noValidate): a required field marked with an asterisk is checked by main like every other
 * rule, so all forms show their errors the same way, inline under the field, in words that say what is wrong.
 */
export function FormModal({ title, onClose, onSubmit, saving, submitLabel, closeLabel = 'Cancel', extraAction, modalProps, children }: Props) {
  return (
    <Modal opened onClose={onClose} title={title} size="lg" {...modalProps}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack>
          {children}
          <Group justify={extraAction ? 'space-between' : 'flex-end'}>
            {extraAction && <div>{extraAction}</div>}
            <Group>
              <Button variant="default" onClick={onClose}>
                {closeLabel}
              </Button>
              <Button type="submit" loading={saving}>
                {submitLabel}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
