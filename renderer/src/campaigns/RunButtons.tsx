import { Button, type ButtonProps } from '@mantine/core';
import { useState } from 'react';
import { nextStatus } from '../../../shared/campaigns/lifecycle';
import { RUN_ACTIONS, type RunAction } from '../../../shared/campaigns/schemas';
import type { CampaignDashboard, CampaignStatus } from '../../../shared/campaigns/types';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { showError } from '../common/errors';
import { countOf, NOUNS } from '../common/words';

const BUTTONS: Record<RunAction, { label: string; props: ButtonProps }> = {
  start: { label: 'Start campaign', props: { color: 'green', leftSection: <span aria-hidden>▶</span> } },
  pause: { label: 'Pause', props: { variant: 'light' } },
  resume: { label: 'Resume', props: { variant: 'light' } },
  cancel: { label: 'Cancel', props: { variant: 'default' } },
};

/** A scheduled campaign waits for its time: the play action starts it before then. */
const labelOf = (action: RunAction, status: CampaignStatus) => (action === 'start' && status === 'scheduled' ? 'Start now' : BUTTONS[action].label);

/** What cancelling does, with the campaign's figures when they could be read (null: not known). */
export function cancelMessage(name: string, figures: Pick<CampaignDashboard, 'calling' | 'pending'> | null): string {
  const calls = !figures
    ? 'Any call in progress will be hung up now.'
    : figures.calling > 0
      ? `${countOf(figures.calling, NOUNS.call)} in progress will be hung up now.`
      : 'No call is in progress.';
  const pending = figures && figures.pending > 0 ? ` ${countOf(figures.pending, NOUNS.contact)} not yet called will never be called by this campaign.` : '';
  return `Cancel “${name}”? ${calls}${pending} A cancelled campaign cannot be started again; to stop for a while, use Pause instead.`;
}

/** Cancelling cannot be undone: it asks first, with the figures read now rather than the last ones shown. */
async function confirmCancel(campaignId: string, name: string): Promise<boolean> {
  const figures = await api.invoke('campaigns.dashboard', { id: campaignId }).catch(() => null);
  return confirm({ title: 'Cancel campaign', message: cancelMessage(name, figures), confirmLabel: 'Cancel campaign', danger: true });
}

interface Props {
  campaignId: string;
  /** For the cancel confirmation. */
  campaignName: string;
  status: CampaignStatus;
  onDone?: () => unknown;
}

/** Each run action the lifecycle table allows from `status`, but play on a paused campaign: Resume does that. */
const offered = (status: CampaignStatus) => RUN_ACTIONS.filter((action) => nextStatus(status, action) !== null && !(action === 'start' && status === 'paused'));

/** The play / pause / resume / cancel buttons of a campaign, shared by the list and the monitor. */
export function RunButtons({ campaignId, campaignName, status, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const run = async (action: RunAction) => {
    setBusy(true);
    try {
      if (action === 'cancel' && !(await confirmCancel(campaignId, campaignName))) return;
      await api.invoke('campaigns.run', { id: campaignId, action });
      await onDone?.();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return offered(status).map((action) => (
    <Button key={action} size="compact-sm" disabled={busy} onClick={() => void run(action)} {...BUTTONS[action].props}>
      {labelOf(action, status)}
    </Button>
  ));
}
