import { describe, expect, it } from 'vitest';
import { assistantRequest, audioGreetingOf, draftOf, templateErrors } from '../../renderer/src/assistants/assistantDraft';
import type { Assistant } from '../../shared/crm/types';

describe('the assistant form', () => {
  it('starts a new assistant on the audio engine with the realtime defaults, and an existing one as it is', () => {
    expect(draftOf()).toMatchObject({ engine: 'audio', realtimeModel: 'gpt-realtime', realtimeVoice: 'marin', maxCallMinutes: 10, transferNumber: '' });
    const stored = { name: 'Riley', engine: 'realtime', realtimeVoice: 'cedar', transferNumber: '+12125550100', maxCallMinutes: 25, greeting: null } as unknown as Assistant;
    expect(draftOf(stored)).toMatchObject({ name: 'Riley', engine: 'realtime', realtimeVoice: 'cedar', transferNumber: '+12125550100', maxCallMinutes: 25, greeting: '' });
  });

  it('sends the length as typed (main names text), leaves an empty one out, and the audio by upload id', () => {
    const draft = { ...draftOf(), name: 'A', greetingAudio: { id: 'med_1', name: 'hi.wav', durationMs: 1000, bytes: 10, createdAt: '2026-01-15T12:00:00.000Z' } };
    expect(assistantRequest({ ...draft, maxCallMinutes: '15' })).toMatchObject({ maxCallMinutes: 15, greetingAudioId: 'med_1', voicemailAudioId: null });
    expect(assistantRequest({ ...draft, maxCallMinutes: 'ten' }).maxCallMinutes).toBe('ten');
    expect(assistantRequest({ ...draft, maxCallMinutes: '' })).not.toHaveProperty('maxCallMinutes');
    expect(assistantRequest(draft)).not.toHaveProperty('greetingAudio');
  });

  it('tells what an audio call says: the greeting audio, else the greeting text spoken, else nothing', () => {
    const audio = { id: 'med_1', name: 'hi.wav', durationMs: 1000, bytes: 10, createdAt: '2026-01-15T12:00:00.000Z' };
    expect(audioGreetingOf({ greetingAudio: audio, greeting: 'Hi {{firstName}}' })).toBe('upload');
    expect(audioGreetingOf({ greetingAudio: null, greeting: 'Hi {{firstName}}' })).toBe('spoken');
    expect(audioGreetingOf({ greetingAudio: null, greeting: ' \n' })).toBe('nothing');
  });

  it('shows each template’s unknown variables as it is typed', () => {
    const errors = templateErrors({ ...draftOf(), greeting: 'Hi {{firstName}}', prompt: 'About {{plan}}', voicemailMessage: 'Call {{Company}}' });
    expect(Object.keys(errors)).toEqual(['prompt', 'voicemailMessage']);
    expect(errors.voicemailMessage).toMatch(/\{\{Company\}\} \(did you mean \{\{company\}\}\?\)/);
  });
});
