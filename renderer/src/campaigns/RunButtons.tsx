import { Button, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { nextStatus } from '../../../shared/campaigns/lifecycle';
import type { RunAction } from '../../../shared/campaigns/schemas';
import type { CampaignStatus } from '../../../shared/campaigns/types';
import { api } from '../api/api';
import { showError } from '../common/errors';

const BUTTONS: Record<RunAction, { label: string; props: ButtonProps }> = {
  start: { label: 'Start campaign', props: { color: 'green', leftSection: <span aria-hidden>▶</span> } },
  pause: { label: 'Pause', props: { variant: 'light' } },
  resume: { label: 'Resume', props: { variant: 'light' } },
  cancel: { label: 'Cancel', props: { variant: 'default' } },
};

interface Props {
  campaignId: string;
  status: CampaignStatus;
  /** The run actions offered here; each shows only when the lifecycle table allows it from `status`. */
  actions: readonly RunAction[];
  onDone?: () => unknown;
}

/** The play / pause / resume / cancel buttons of a campaign, shared by the list and the monitor. */
export function RunButtons({ campaignId, status, actions, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const run = async (action: RunAction) => {
    setBusy(true);
    try {
      await api.invoke('campaigns.run', { id: campaignId, action });
      await onDone?.();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return actions
    .filter((action) => nextStatus(status, action) !== null)
    .map((action) => (
      <Button key={action} size="compact-sm" disabled={busy} onClick={() => void run(action)} {...BUTTONS[action].props}>
        {BUTTONS[action].label}
      </Button>
    ));
}
