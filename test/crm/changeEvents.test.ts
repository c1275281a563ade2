import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../shared/contract/channels';
import { assistantInput, companyInput, contactInput, phoneNumberInput } from '../../shared/crm/schemas';
import { trunkInput } from '../../shared/telephony/schemas';
import { testCore } from '../support/core';
import { openWorld } from '../dialer/dialerFixtures';

/** The services called directly, as a new entry point would call them: no IPC handler, no REST route in between. */
describe('CRM services announce their own changes', () => {
  it('every create, update, delete and import emits crm.changed for its entity; a refused write emits nothing', async () => {
    const core = await testCore();
    const s = core.services;
    const team = core.localTeam;
    const seen: EntityKind[] = [];
    s.events.on('crm.changed', ({ entity }) => seen.push(entity));
    const taken = (): EntityKind[] => seen.splice(0);

    const company = await s.companies.create(team, companyInput.parse({ name: 'Acme' }));
    await s.companies.update(team, company.id, { industry: 'Software' });
    expect(taken()).toEqual(['company', 'company']);

    const contact = await s.contacts.create(team, contactInput.parse({ companyId: company.id, firstName: 'Ana', lastName: 'Ruiz', phone: '+12125550101' }));
    await s.contacts.update(team, contact.id, { doNotCall: true });
    await s.contacts.remove(team, contact.id);
    expect(taken()).toEqual(['contact', 'contact', 'contact']);

    await s.csvImport.import(team, 'first_name,last_name,phone\nBo,Lee,+12125550102\n', { companyId: company.id });
    expect(taken()).toEqual(['contact']);

    const assistant = await s.assistants.create(team, assistantInput.parse({ name: 'Outbound', outboundEnabled: true }));
    await s.assistants.update(team, assistant.id, { name: 'Renamed' });
    expect(taken()).toEqual(['assistant', 'assistant']);

    const number = await s.phoneNumbers.create(team, phoneNumberInput.parse({ number: '+12125550199', assistantId: assistant.id }));
    await s.phoneNumbers.update(team, number.id, { label: 'Main' });
    expect(taken()).toEqual(['phoneNumber', 'phoneNumber']);

    const trunk = await s.trunks.create(team, trunkInput.parse({ name: 'Carrier', host: 'sip.carrier.example', username: 'acme', password: 'secret' }));
    await s.trunks.update(team, trunk.id, { name: 'Carrier 2' });
    await s.trunks.remove(team, trunk.id);
    expect(taken()).toEqual(['sipTrunk', 'sipTrunk', 'sipTrunk']);

    await s.companies.remove(team, company.id);
    expect(taken()).toEqual(['company']);

    await expect(s.companies.update(team, company.id, { industry: 'Gone' })).rejects.toThrow();
    await expect(s.contacts.create(team, contactInput.parse({ companyId: company.id, firstName: 'No', lastName: 'Company', phone: '+12125550103' }))).rejects.toThrow();
    expect(taken()).toEqual([]);
  });

  it('a contact created through the service alone is dialed at once by a running evergreen campaign', async () => {
    // a safety tick an hour away: only the service's own event can wake the dialer in time
    const w = await openWorld({ seed: 41, core: { safetyTickMs: 3_600_000 } });
    const campaign = await w.createCampaign({ keepOpen: true });
    await w.api.invoke('campaigns.enrol', { id: campaign.id, audience: { mode: 'all_eligible', companyId: w.companyId, hasPhoneOnly: true, excludeDnc: true } });
    await w.run(campaign.id, 'start');
    await w.advance(60_000);
    const addedAt = w.clock.now();
    const added = await w.core.services.contacts.create(w.core.localTeam, contactInput.parse({ companyId: w.companyId, firstName: 'Late', lastName: 'Comer', phone: '+12125550177' }));
    w.script[added.phone!] = ['answered'];
    await w.advance(1_000);
    const calls = w.calls(campaign.id).filter((r) => r.contactId === added.id);
    expect(calls).toHaveLength(1);
    expect(calls[0].startedAt).toBe(addedAt);
  });
});
