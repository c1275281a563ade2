import { AppShell, Group, NavLink, Title, useMantineColorScheme } from '@mantine/core';
import { type ReactElement, useEffect } from 'react';
import { AssistantsPage } from '../assistants/AssistantsPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { CompaniesPage } from '../companies/CompaniesPage';
import { ContactsPage } from '../contacts/ContactsPage';
import { DncListsPage } from '../compliance/DncListsPage';
import { PhoneNumbersPage } from '../phoneNumbers/PhoneNumbersPage';
import { PAGES, useNavigation, type PageName } from './navigation';
import { SettingsPage } from '../settings/SettingsPage';
import { useAppSettings } from '../settings/settingsStore';

const CONTENT: Record<PageName, () => ReactElement> = {
  Campaigns: CampaignsPage,
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

export function App() {
  useSavedTheme();
  const { page, go } = useNavigation();
  const Content = CONTENT[page];
  return (
    <AppShell navbar={{ width: 220, breakpoint: 0 }} header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Title order={3}>Dialwell</Title>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {PAGES.map((name) => (
          <NavLink
            key={name}
            component="button"
            label={name}
            active={page === name}
            aria-current={page === name ? 'page' : undefined}
            onClick={() => go(name)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Content />
      </AppShell.Main>
    </AppShell>
  );
}
