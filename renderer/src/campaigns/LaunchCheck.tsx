import { Alert, Group, List, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Preflight } from '../../../shared/campaigns/preflight';
import type { Campaign } from '../../../shared/campaigns/types';
import type { RequestOf } from '../../../shared/contract/channels';
import type { Assistant } from '../../../shared/crm/types';
import { AppError } from '../../../shared/errors';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { draftPreflightRequest, launchSummary, launchWarnings, type LaunchAssistant } from './launchCheck';
import type { CampaignDraft } from './wizardRules';

/**
 * A check asked for again whenever `key` changes (`ask` is a fresh closure each render, read then);
 * a draft that is not valid yet (its own fields say why) has none.
 */
function usePreflight(key: string | null, ask: () => Promise<Preflight>): { preflight: Preflight | null; checking: boolean } {
  const [state, setState] = useState<{ key: string; preflight: Preflight } | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    if (key === null) return setState(null);
    let live = true;
    setChecking(true);
    ask()
      .then((preflight) => live && setState({ key, preflight }))
      .catch((error) => {
        if (!live) return;
        setState(null);
        if (!(error instanceof AppError && error.code === 'validation')) showError(error);
      })
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [key]);
  return { preflight: state?.preflight ?? null, checking };
}

function LaunchCheckAlert({ preflight, assistant, checking }: { preflight: Preflight | null; assistant: LaunchAssistant | undefined; checking: boolean }) {
  if (!preflight || !assistant) {
    return checking ? (
      <Group gap="xs" aria-label="Launch check">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Checking the contacts…
        </Text>
      </Group>
    ) : null;
  }
  const warnings = launchWarnings(preflight, assistant);
  return (
    <Alert color={warnings.length ? 'yellow' : 'green'} title="Launch check" role="region" aria-label="Launch check" aria-busy={checking}>
      <Text size="sm">{launchSummary(preflight, warnings)}</Text>
      {warnings.length > 0 && (
        <List size="sm" mt={4} spacing={2}>
          {warnings.map((warning) => (
            <List.Item key={warning}>{warning}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The New Campaign dialog's check, over the audience it would enrol, asked again a moment after each change. */
export function DraftLaunchCheck({ draft, assistant }: { draft: CampaignDraft; assistant: Assistant | undefined }) {
  const request = draftPreflightRequest(draft);
  const [key] = useDebouncedValue(request && JSON.stringify(request), 400);
  const { preflight, checking } = usePreflight(key, () => api.invoke('campaigns.preflightDraft', JSON.parse(key!) as RequestOf<'campaigns.preflightDraft'>));
  return <LaunchCheckAlert preflight={preflight} assistant={assistant} checking={checking} />;
}

/** A campaign's check over the contacts it holds, asked again when the campaign changes. */
export function CampaignLaunchCheck({ campaign }: { campaign: Campaign }) {
  const [assistant, setAssistant] = useState<Assistant | undefined>();
  // contacts enrolled or edited, and the assistant's templates, change what the check finds
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    const offs = [api.on('campaigns.enrolled', (e) => e.campaignId === campaign.id && again()), api.on('crm.changed', (e) => (e.entity === 'contact' || e.entity === 'assistant') && again())];
    return () => offs.forEach((off) => off());
  }, [campaign.id]);
  useEffect(() => {
    api.invoke('assistants.get', { id: campaign.assistantId }).then(setAssistant, showError);
  }, [campaign.assistantId, version]);
  const { preflight, checking } = usePreflight(`${campaign.id} ${campaign.updatedAt} ${version}`, () => api.invoke('campaigns.preflight', { id: campaign.id }));
  return <LaunchCheckAlert preflight={preflight} assistant={assistant} checking={checking} />;
}
