import { beforeEach, describe, expect, it } from 'vitest';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import type { ReachSettings } from '../../shared/campaigns/reachSettings';
import { required, type World } from '../campaigns/fixtures';
import { failure } from '../support/inMemoryTransport';
import { openCampaignApi, type CampaignApi } from './campaignApi';
import { send, type Reply } from './http';

let w: World;
let port: number;
let call: CampaignApi['call'];
let created: CampaignApi['createCampaign'];

beforeEach(async () => {
  ({ w, port, call, createCampaign: created } = await openCampaignApi());
});

const { totalAnalysisMs: _due, ...DEFAULT_THRESHOLDS } = AMD_DEFAULTS;

/** The fields a 400 names, with their messages. */
async function refusedFields(reply: Promise<Reply>): Promise<Record<string, string>> {
  const { status, json } = await reply;
  expect(status).toBe(400);
  return json.error.fields;
}

const settingsOf = ({ voicemailDetection, amdMaxMs, amdThresholds, localPresence }: ReachSettings): ReachSettings => ({
  voicemailDetection,
  amdMaxMs,
  amdThresholds,
  localPresence,
});

describe('campaign settings: voicemail detection and local presence', () => {
  it('defaults to detection on within 3500 ms with the default thresholds and local presence off, on REST and IPC reads', async () => {
    const campaign = await created();
    const expected = { voicemailDetection: true, amdMaxMs: 3500, amdThresholds: DEFAULT_THRESHOLDS, localPresence: false };
    expect(settingsOf(campaign)).toEqual(expected);
    expect(settingsOf((await call('GET', `/api/crm/campaigns/${campaign.id}`)).json.campaign)).toEqual(expected);
    expect(settingsOf((await call('GET', '/api/crm/campaigns')).json.campaigns[0])).toEqual(expected);
    expect(settingsOf(await w.api.invoke('campaigns.get', { id: campaign.id }))).toEqual(expected);
  });

  it('takes partial thresholds over the defaults on create, and over the stored values on patch', async () => {
    const campaign = await created({ amdThresholds: { greetingMs: 2000 }, localPresence: true });
    expect(campaign.amdThresholds).toEqual({ ...DEFAULT_THRESHOLDS, greetingMs: 2000 });
    expect(campaign.localPresence).toBe(true);

    const patched = await call('PATCH', `/api/crm/campaigns/${campaign.id}`, { amdThresholds: { maxWords: 8 }, amdMaxMs: 5000 });
    expect(patched.status, patched.text).toBe(200);
    expect(settingsOf(patched.json.campaign)).toEqual({
      voicemailDetection: true,
      amdMaxMs: 5000,
      amdThresholds: { ...DEFAULT_THRESHOLDS, greetingMs: 2000, maxWords: 8 },
      localPresence: true,
    });
    const off = await w.api.invoke('campaigns.update', { id: campaign.id, voicemailDetection: false, localPresence: false });
    expect(settingsOf(off)).toEqual({ ...settingsOf(patched.json.campaign), voicemailDetection: false, localPresence: false });
  });

  it('answers 400 naming each bad field, on create and patch', async () => {
    const bad = { voicemailDetection: 'yes', amdMaxMs: 60_000, amdThresholds: { greetingMs: 12.5, maxWords: 1, beep: 3 }, localPresence: 1 };
    const expected = {
      voicemailDetection: 'Must be true or false',
      amdMaxMs: 'Must be at most 10000 ms',
      'amdThresholds.greetingMs': 'Must be a whole number of milliseconds',
      'amdThresholds.maxWords': 'Must be at least 2',
      'amdThresholds.beep': 'Unknown field',
      localPresence: 'Must be true or false',
    };
    expect(await refusedFields(call('POST', '/api/crm/campaigns', required(w, bad)))).toEqual(expected);
    const campaign = await created();
    expect(await refusedFields(call('PATCH', `/api/crm/campaigns/${campaign.id}`, bad))).toEqual(expected);
    expect(await refusedFields(call('PATCH', `/api/crm/campaigns/${campaign.id}`, { amdThresholds: 'quick' }))).toEqual({ amdThresholds: 'Must be an object of thresholds in ms' });
    // the IPC create names the same fields
    expect((await failure(w.api.invoke('campaigns.create', required(w, bad)))).fields).toEqual(expected);
  });

  it('answers 400 for a set that could never decide in time, naming every threshold that contradicts another', async () => {
    expect(await refusedFields(call('POST', '/api/crm/campaigns', required(w, { amdMaxMs: 2000 })))).toEqual({
      'amdThresholds.initialSilenceMs': 'Must be less than the decision time (2000 ms)',
    });
    // a bad threshold does not hide how the good ones contradict each other
    expect(await refusedFields(call('POST', '/api/crm/campaigns', required(w, { amdThresholds: { maxWords: 1, minWordMs: 900, greetingMs: 800 } })))).toEqual({
      'amdThresholds.maxWords': 'Must be at least 2',
      'amdThresholds.minWordMs': 'Must be less than the machine greeting length (800 ms)',
    });
    const campaign = await created({ amdThresholds: { greetingMs: 900 } });
    // checked with what is stored: the greeting length stays 900 ms, which a shortest word of 1000 ms exceeds
    expect(await refusedFields(call('PATCH', `/api/crm/campaigns/${campaign.id}`, { amdMaxMs: 1500, amdThresholds: { minWordMs: 1000, betweenWordsSilenceMs: 700 } }))).toEqual({
      'amdThresholds.initialSilenceMs': 'Must be less than the decision time (1500 ms)',
      'amdThresholds.minWordMs': 'Must be less than the machine greeting length (900 ms)',
      'amdThresholds.betweenWordsSilenceMs': 'Must be less than the silence after a word (650 ms)',
    });
    expect(settingsOf((await call('GET', `/api/crm/campaigns/${campaign.id}`)).json.campaign)).toMatchObject({ amdMaxMs: 3500, amdThresholds: { greetingMs: 900, minWordMs: 80 } });
  });

  it('copies the settings with Duplicate', async () => {
    const source = await created({ voicemailDetection: false, amdMaxMs: 4000, amdThresholds: { messageWaitMaxMs: 30_000 }, localPresence: true });
    const copy = (await call('POST', `/api/crm/campaigns/${source.id}/duplicate`)).json.campaign;
    expect(settingsOf(copy)).toEqual(settingsOf(source));
    expect(copy.amdThresholds.messageWaitMaxMs).toBe(30_000);
  });

  it('describes the fields in the OpenAPI document', async () => {
    const doc = (await send(port, '/api/openapi.json')).json;
    const body = doc.paths['/api/crm/campaigns'].post.requestBody.content['application/json'].schema;
    expect(body.properties.voicemailDetection).toMatchObject({ type: 'boolean' });
    expect(body.properties.localPresence).toMatchObject({ type: 'boolean' });
    expect(body.properties.amdMaxMs).toMatchObject({ type: 'integer', minimum: 1000, maximum: 10_000 });
    expect(Object.keys(body.properties.amdThresholds.properties).sort()).toEqual(Object.keys(DEFAULT_THRESHOLDS).sort());
    expect(doc.paths['/api/crm/campaigns/{id}'].patch.requestBody.content['application/json'].schema.properties.amdThresholds).toBeDefined();
  });
});
