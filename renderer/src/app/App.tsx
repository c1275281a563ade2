import { AppShell, Group, NavLink, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { AssistantsPage } from '../assistants/AssistantsPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { CompaniesPage } from '../companies/CompaniesPage';
import { ContactsPage } from '../contacts/ContactsPage';
import { PhoneNumbersPage } from '../phoneNumbers/PhoneNumbersPage';
import { PAGES, useNavigation, type PageName } from './navigation';
import { SettingsPage } from '../settings/SettingsPage';

const CONTENT: Record<PageName, () => ReactElement> = {
  Campaigns: CampaignsPage,
  Contacts: ContactsPage,
  Companies: CompaniesPage,
  Assistants: AssistantsPage,
  'Phone Numbers': PhoneNumbersPage,
  Settings: SettingsPage,
};

export function App() {
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
