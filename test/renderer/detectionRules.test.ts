import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION, detectionErrors } from '../../renderer/src/campaigns/detectionRules';
import { createRequest, draftFromCampaign, EMPTY_DRAFT, updateRequest, type CampaignDraft } from '../../renderer/src/campaigns/wizardRules';
import { makeWorld, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { failure } from '../support/inMemoryTransport';

let w: World;

beforeEach(async () => {
  w = await makeWorld(await testCore(() => T0));
});

const filled = (extra: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...EMPTY_DRAFT,
  name: 'Machines',
  assistantId: w.assistant.id,
  fromNumberIds: [w.n1.id],
  companyId: w.acme.id,
  ...extra,
});

const thresholds = (changes: Partial<CampaignDraft['amdThresholds']>) => ({ ...EMPTY_DRAFT.amdThresholds, ...changes });

describe('the Voicemail detection section and the local-presence box', () => {
  it('start at the defaults (detection on, local presence off) and reach the campaign as set; Edit shows them again', async () => {
    expect(EMPTY_DRAFT).toMatchObject({ voicemailDetection: true, localPresence: false, ...DEFAULT_DETECTION });
    const draft = filled({ voicemailDetection: false, amdMaxMs: 4200, amdThresholds: thresholds({ greetingMs: 2100, maxWords: 7 }), localPresence: true });
    const campaign = await w.api.invoke('campaigns.create', createRequest(draft));
    expect(campaign).toMatchObject({ voicemailDetection: false, amdMaxMs: 4200, amdThresholds: draft.amdThresholds, localPresence: true });
    expect(draftFromCampaign(campaign)).toMatchObject({ voicemailDetection: false, amdMaxMs: 4200, amdThresholds: draft.amdThresholds, localPresence: true });
  });

  it('leaves a threshold emptied in Edit as it was stored', async () => {
    const campaign = await w.api.invoke('campaigns.create', createRequest(filled({ amdThresholds: thresholds({ minWordMs: 100 }) })));
    const edited = { ...draftFromCampaign(campaign), amdThresholds: thresholds({ minWordMs: '', greetingMs: 1900 }) };
    expect(updateRequest(campaign.id, edited).amdThresholds).not.toHaveProperty('minWordMs');
    const saved = await w.api.invoke('campaigns.update', updateRequest(campaign.id, edited));
    expect(saved.amdThresholds).toMatchObject({ minWordMs: 100, greetingMs: 1900 });
  });

  it('names while typing exactly the errors main answers on save', async () => {
    const typed = [
      { amdMaxMs: 2000, amdThresholds: thresholds({}) },
      { amdMaxMs: '35OO', amdThresholds: thresholds({ greetingMs: 12_000, minWordMs: 1.5 }) },
      { amdMaxMs: 3000, amdThresholds: thresholds({ greetingMs: 500, minWordMs: 600, betweenWordsSilenceMs: 900, maxWords: 1 }) },
    ];
    for (const fields of typed) {
      const live = detectionErrors(fields);
      expect(Object.keys(live).length).toBeGreaterThan(0);
      const saved = await failure(w.api.invoke('campaigns.create', createRequest(filled(fields))));
      expect(live).toEqual(saved.fields);
    }
    expect(detectionErrors(DEFAULT_DETECTION)).toEqual({});
    // an emptied field is not sent: nothing to name
    expect(detectionErrors({ amdMaxMs: '', amdThresholds: thresholds({ greetingMs: '' }) })).toEqual({});
  });
});
