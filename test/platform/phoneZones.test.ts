import { describe, expect, it } from 'vitest';
import { windowZones, zonesOfPhone } from '../../main/platform/phoneZones';
import { isValidTimeZone } from '../../shared/time/zones';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';

const sorted = (zones: string[]) => [...zones].sort();

describe('zonesOfPhone: NANP area codes', () => {
  it.each([
    ['+12125550100', 'America/New_York'],
    ['+13125550100', 'America/Chicago'],
    ['+13035550100', 'America/Denver'],
    ['+14155550100', 'America/Los_Angeles'],
    ['+16025550100', 'America/Phoenix'],
    ['+18085550100', 'Pacific/Honolulu'],
  ])('%s → %s', (phone, zone) => {
    expect(zonesOfPhone(phone)).toEqual([zone]);
  });

  it('208 (Idaho) spans two zones: Boise and Los Angeles', () => {
    expect(sorted(zonesOfPhone('+12085550100'))).toEqual(['America/Boise', 'America/Los_Angeles']);
  });

  it('toll-free numbers have no local time', () => {
    expect(zonesOfPhone('+18005550100')).toEqual([]);
    expect(zonesOfPhone('+18885550100')).toEqual([]);
    expect(zonesOfPhone('+18775550100')).toEqual([]);
  });

  it('the leading + is optional', () => {
    expect(zonesOfPhone('12125550100')).toEqual(zonesOfPhone('+12125550100'));
  });

  it('returns a fresh answer each time that callers cannot corrupt', () => {
    const first = zonesOfPhone('+12125550100');
    const copy = [...first];
    expect(zonesOfPhone('+12125550100')).toEqual(copy);
  });
});

describe('zonesOfPhone: numbers outside NANP', () => {
  it.each([
    ['+442071234567', ['Europe/London']],
    ['+33142685300', ['Europe/Paris']],
    ['+81312345678', ['Asia/Tokyo']],
    ['+61212345678', ['Australia/Sydney']],
  ])('%s → %s', (phone, zones) => {
    expect(zonesOfPhone(phone)).toEqual(zones);
  });

  it('a UK mobile maps to zones that all keep the same time as London', () => {
    const zones = zonesOfPhone('+447911123456');
    expect(zones).toContain('Europe/London');
    expect(zones.length).toBeLessThanOrEqual(4);
  });

  it('unknown or non-geographic numbers give []', () => {
    expect(zonesOfPhone('+999123456789')).toEqual([]);
    expect(zonesOfPhone('')).toEqual([]);
    expect(zonesOfPhone('+')).toEqual([]);
  });

  it('every zone it returns is a valid IANA zone', () => {
    for (const phone of ['+12125550100', '+12085550100', '+442071234567', '+919812345678', '+19075550100', '+5511987654321', '+14165550100']) {
      for (const zone of zonesOfPhone(phone)) expect(isValidTimeZone(zone), `${phone}: ${zone}`).toBe(true);
    }
  });

  it('never returns more than 4 zones (more means non-geographic)', () => {
    for (const phone of ['+1', '+7', '+15', '+61', '+86', '+5511987654321', '+74951234567']) expect(zonesOfPhone(phone).length).toBeLessThanOrEqual(4);
  });
});

describe('windowZones', () => {
  const campaign = { useContactTimezone: true, callWindowTimezone: 'America/New_York' };

  it('uses the contact’s own zone key when useContactTimezone', () => {
    expect(windowZones('America/Chicago', campaign)).toEqual(['America/Chicago']);
  });

  it('splits a multi-zone key (a number spanning zones): every zone must be open', () => {
    expect(windowZones('America/Boise|America/Los_Angeles', campaign)).toEqual(['America/Boise', 'America/Los_Angeles']);
  });

  it('unknown zone → the campaign’s zone', () => {
    expect(windowZones(null, campaign)).toEqual(['America/New_York']);
    expect(windowZones('', campaign)).toEqual(['America/New_York']);
  });

  it('useContactTimezone off → always the campaign’s zone', () => {
    const off = { useContactTimezone: false, callWindowTimezone: 'Europe/Berlin' };
    expect(windowZones('America/Chicago', off)).toEqual(['Europe/Berlin']);
    expect(windowZones('America/Boise|America/Los_Angeles', off)).toEqual(['Europe/Berlin']);
    expect(windowZones(null, off)).toEqual(['Europe/Berlin']);
  });
});

describe('zone keys of enrolled contacts', () => {
  it('own timezone first, else the phone’s zones, else none', async () => {
    const core = await testCore();
    const api = inMemoryApi(core);
    const assistant = await api.invoke('assistants.create', { name: 'A', outboundEnabled: true });
    const number = await api.invoke('phoneNumbers.create', { number: '+12025550199', assistantId: assistant.id, status: 'active', label: 'x' });
    const company = await api.invoke('companies.create', { name: 'Zones Inc' });
    const make = (phone: string, timezone?: string) => api.invoke('contacts.create', { companyId: company.id, firstName: 'Z', lastName: phone, phone, ...(timezone ? { timezone } : {}) });
    const own = await make('+12125550111', 'America/Denver');
    const idaho = await make('+12085550112');
    const tollFree = await make('+18005550113');
    const london = await make('+442071234567');
    const campaign = await api.invoke('campaigns.create', { name: 'Z', assistantId: assistant.id, companyId: company.id, fromNumberIds: [number.id] });
    await api.invoke('campaigns.enrol', { id: campaign.id, contactIds: [own.id, idaho.id, tollFree.id, london.id] });
    const keys = Object.fromEntries(
      (core.services.store.sqlite.prepare('SELECT contact_id AS id, zone_key AS k FROM campaign_contacts WHERE campaign_id = ?').all(campaign.id) as { id: string; k: string | null }[]).map((r) => [r.id, r.k]),
    );
    expect(keys[own.id]).toBe('America/Denver');
    expect(sorted(keys[idaho.id]!.split('|'))).toEqual(['America/Boise', 'America/Los_Angeles']);
    expect(keys[tollFree.id]).toBeNull();
    expect(keys[london.id]).toBe('Europe/London');

    // a zone set later follows into the enrolment
    await api.invoke('contacts.update', { id: tollFree.id, timezone: 'America/Chicago' });
    const after = core.services.store.sqlite.prepare('SELECT zone_key FROM campaign_contacts WHERE contact_id = ?').pluck().get(tollFree.id);
    expect(after).toBe('America/Chicago');
  });
});
