import { Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { copyName } from '../../../shared/campaigns/schemas';
import type { Campaign } from '../../../shared/campaigns/types';
import { FormModal } from '../common/FormModal';
import { useSave } from '../common/useSave';
import { campaignsStore } from './useCampaigns';

/** Names the copy before it is made, so a duplicate is never a surprise to rename afterwards. */
export function DuplicateDialog({ campaign, onClose }: { campaign: Campaign; onClose(): void }) {
  const [name, setName] = useState(() => copyName(campaign.name));
  const { errors, saving, submit } = useSave(() => campaignsStore.getState().duplicate(campaign.id, name), onClose);
  // a name changed since the refused save no longer shows that save's error
  const [typedSinceError, setTypedSinceError] = useState(false);
  useEffect(() => setTypedSinceError(false), [errors]);
  return (
    <FormModal title="Duplicate campaign" submitLabel="Create copy" closeLabel="Close" onClose={onClose} onSubmit={() => void submit()} saving={saving} modalProps={{ size: 'md' }}>
      <Text size="sm">
        A new draft with the settings, numbers and contacts of “{campaign.name}”. Nobody in it has been called yet; it is not scheduled.
      </Text>
      <TextInput
        label="Name of the copy"
        value={name}
        onChange={(e) => (setName(e.currentTarget.value), setTypedSinceError(true))}
        error={typedSinceError ? undefined : errors.name}
        data-autofocus
      />
    </FormModal>
  );
}
