import { AppShell, Group, NavLink, Title, useMantineColorScheme } from '@mantine/core';
import { type ReactElement, useEffect } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AssistantsPage } from '../assistants/AssistantsPage';
import { CallDetail } from '../calls/CallDetail';
import { CallsPage } from '../calls/CallsPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { CompaniesPage } from '../companies/CompaniesPage';
import { ContactsPage } from '../contacts/ContactsPage';
import { DncListsPage } from '../compliance/DncListsPage';
import { CampaignMonitor } from '../monitoring/CampaignMonitor';
import { PhoneNumbersPage } from '../phoneNumbers/PhoneNumbersPage';
import { CALL_PATH, HOME_PATH, isOnPage, MONITOR_PATH, PAGE_PATH, PAGES, type PageName } from './navigation';
import { SettingsPage } from '../settings/SettingsPage';
import { announceDisabledWebhooks } from '../settings/webhookNotices';
import { useAppSettings } from '../settings/settingsStore';

const CONTENT: Record<PageName, () => ReactElement> = {
  Campaigns: CampaignsPage,
  Calls: CallsPage,
  Contacts: ContactsPage,
  Companies: CompaniesPage,
  Assistants: AssistantsPage,
  'Phone Numbers': PhoneNumbersPage,
  'DNC Lists': DncListsPage,
  Settings: SettingsPage,
};

/** Applies the saved theme (light, dark or the system's) as soon as it is loaded or changed. */
function useSavedTheme() {
  const theme = useAppSettings((s) => s.settings?.theme);
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => void useAppSettings.getState().load(), []);
  useEffect(() => {
    if (theme) setColorScheme(theme === 'system' ? 'auto' : theme);
  }, [theme, setColorScheme]);
}

function MainNav() {
  const [location] = useLocation();
  return (
    <AppShell.Navbar p="xs" component="nav" aria-label="Main">
      {PAGES.map((name) => {
        const active = isOnPage(location, name);
        return <NavLink key={name} component={Link} href={PAGE_PATH[name]} label={name} active={active} aria-current={active ? 'page' : undefined} />;
      })}
    </AppShell.Navbar>
  );
}

function Pages() {
  return (
    <Switch>
      <Route path={MONITOR_PATH}>{({ campaignId }) => <CampaignMonitor campaignId={campaignId} />}</Route>
      <Route path={CALL_PATH}>{({ callId }) => <CallDetail callId={callId} />}</Route>
      {PAGES.map((name) => (
        <Route key={name} path={PAGE_PATH[name]} component={CONTENT[name]} />
      ))}
      {/* the bare address, and any this app has no page at */}
      <Route>
        <Redirect to={HOME_PATH} replace />
      </Route>
    </Switch>
  );
}

export function App() {
  useSavedTheme();
  useEffect(announceDisabledWebhooks, []);
  return (
    <Router hook={useHashLocation}>
      <AppShell navbar={{ width: 220, breakpoint: 0 }} header={{ height: 56 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md">
            <Title order={3}>Dialwell</Title>
          </Group>
        </AppShell.Header>
        <MainNav />
        <AppShell.Main>
          <Pages />
        </AppShell.Main>
      </AppShell>
    </Router>
  );
}
