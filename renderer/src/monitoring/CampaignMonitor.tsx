import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { api } from '../api/api';
import { downloadText } from '../common/download';
import { showError } from '../common/errors';
import { Section } from '../common/Section';
import { ListPager } from '../common/ListPager';
import { NOUNS } from '../common/words';
import { CampaignLaunchCheck } from '../campaigns/LaunchCheck';
import { ExportResultsButton } from '../exports/ExportButtons';
import { AnalysisResults } from './AnalysisResults';
import { CallsChart } from './CallsChart';
import { CallsTable } from './CallsTable';
import { CampaignSettingsPanel } from './CampaignSettingsPanel';
import { Kpis, Outcomes } from './Figures';
import { MachinesVsPeople } from './MachinesVsPeople';
import { BackToCampaigns, MonitorHeader } from './MonitorHeader';
import { QUEUE_PAGE_SIZE, useMonitor } from './monitorStore';
import { QueueTable } from './QueueTable';

/** Every skip and hold of the campaign with its reason, as a CSV file. */
async function downloadDecisions(campaignId: string): Promise<void> {
  await api.invoke('compliance.decisionsCsv', { id: campaignId }).then(({ csv }) => downloadText(`decisions-${campaignId}.csv`, csv), showError);
}

export function CampaignMonitor({ campaignId }: { campaignId: string }) {
  const { campaign, dashboard, series, queue, queueOffset, missing, open, close, setQueueOffset, reload } = useMonitor();

  useEffect(() => {
    open(campaignId);
    return () => close();
  }, [campaignId, open, close]);

  const status = dashboard?.status ?? campaign?.status;

  if (missing) {
    return (
      <Stack gap="sm" align="flex-start">
        <BackToCampaigns />
        <Title order={2}>No such campaign</Title>
        <Text c="dimmed">There is no campaign at this address: it may have been deleted.</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw="100%" style={{ minWidth: 0 }}>
      <MonitorHeader campaign={campaign} status={status} onChanged={reload} />
      {campaign && (
        <Group justify="flex-end">
          <ExportResultsButton campaignId={campaign.id} />
        </Group>
      )}
      {campaign && <CampaignSettingsPanel campaign={campaign} dashboard={dashboard} onSaved={reload} />}
      {campaign && (status === 'draft' || status === 'paused') && <CampaignLaunchCheck campaign={campaign} />}

      {!dashboard ? (
        <Text c="dimmed">Loading…</Text>
      ) : (
        <>
          <Kpis d={dashboard} />
          <Outcomes d={dashboard} />
          <MachinesVsPeople amd={dashboard.amd} />
          <AnalysisResults campaignId={campaignId} />
          <Section title="Calls over time">{series && <CallsChart series={series} />}</Section>
          <Section title="Calls in progress">
            {dashboard.callsInProgress.length === 0 ? (
              <Text size="sm" c="dimmed">
                No calls in progress.
              </Text>
            ) : (
              <CallsTable label="Calls in progress" calls={dashboard.callsInProgress} live />
            )}
          </Section>
          <Section title="Recent calls">
            {dashboard.recentCalls.length === 0 ? (
              <Text size="sm" c="dimmed">
                No calls have ended yet.
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" aria-label="Ended calls">
                  Latest {dashboard.recentCalls.length} of {dashboard.callsEnded.toLocaleString()} ended calls
                </Text>
                <CallsTable label="Recent calls" calls={dashboard.recentCalls} live={false} />
              </>
            )}
          </Section>
          <Section title="Queue">
            {campaign && (
              <Group justify="flex-end">
                <Button size="xs" variant="light" onClick={() => void downloadDecisions(campaign.id)}>
                  Download compliance decisions (CSV)
                </Button>
              </Group>
            )}
            {queue && queue.total === 0 ? (
              <Text size="sm" c="dimmed">
                No contacts are enrolled in this campaign.
              </Text>
            ) : (
              <>
                {queue && <QueueTable items={queue.items} />}
                {queue && (
                  <ListPager
                    total={queue.total}
                    totalIsCapped={queue.totalIsCapped}
                    limit={QUEUE_PAGE_SIZE}
                    offset={queueOffset}
                    noun={NOUNS.contact}
                    onOffset={setQueueOffset}
                  />
                )}
              </>
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}
