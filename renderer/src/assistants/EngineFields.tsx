import { Autocomplete, Input, NumberInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { ENGINE_LABELS, MAX_CALL_MINUTES, REALTIME_MODELS, REALTIME_VOICES, VOICE_ENGINES, type VoiceEngine } from '../../../shared/assistants/engines';
import type { AssistantDraft } from './assistantDraft';
import { AudioUploadField } from './AudioUploadField';

const ENGINE_NOTES: Record<VoiceEngine, string> = {
  realtime: 'OpenAI’s realtime model holds the conversation (the API key is in Settings → Voice engine).',
  'media-streams': 'Your own agent (Pipecat, LiveKit Agents, Vocode…) holds it: the call’s audio is streamed to it, both ways.',
  audio: 'No conversation: the greeting is played and the call hangs up.',
};

interface Props {
  draft: AssistantDraft;
  set(changes: Partial<AssistantDraft>): void;
  errorFor(field: string): string | undefined;
}

/** The voice engine and what it needs: a model and voice, an agent's address, or the audio to play. */
export function EngineFields({ draft, set, errorFor }: Props) {
  const { engine } = draft;
  const audioField = (key: 'greetingAudio' | 'voicemailAudio', label: string, description: string) => (
    <AudioUploadField label={label} description={description} value={draft[key]} error={errorFor(`${key}Id`)} onChange={(media) => set({ [key]: media })} />
  );
  const voices = REALTIME_VOICES.includes(draft.realtimeVoice as never) ? [...REALTIME_VOICES] : [draft.realtimeVoice, ...REALTIME_VOICES];
  return (
    <Stack>
      <Input.Wrapper label="Voice engine" description={ENGINE_NOTES[engine]} error={errorFor('engine')}>
        <SegmentedControl
          mt={6}
          fullWidth
          aria-label="Voice engine"
          value={engine}
          onChange={(value) => set({ engine: value as VoiceEngine })}
          data={VOICE_ENGINES.map((value) => ({ value, label: ENGINE_LABELS[value] }))}
        />
      </Input.Wrapper>
      {engine === 'realtime' && (
        <>
          <Autocomplete
            label="Model"
            description="A realtime model of OpenAI, or of the compatible gateway in Settings"
            data={[...REALTIME_MODELS]}
            value={draft.realtimeModel}
            error={errorFor('realtimeModel')}
            onChange={(realtimeModel) => set({ realtimeModel })}
          />
          <Select label="Voice" data={voices} value={draft.realtimeVoice} error={errorFor('realtimeVoice')} onChange={(voice) => set({ realtimeVoice: voice ?? draft.realtimeVoice })} allowDeselect={false} />
        </>
      )}
      {engine === 'media-streams' && (
        <TextInput
          label="Agent endpoint"
          description="WebSocket URL (ws:// or wss://) the call’s audio is streamed to, both ways. Credentials in it show as ****; they are kept unless you type new ones."
          placeholder="wss://agent.example.com/media"
          value={draft.agentUrl}
          error={errorFor('agentUrl')}
          onChange={(e) => set({ agentUrl: e.currentTarget.value })}
        />
      )}
      {engine === 'audio' ? (
        audioField('greetingAudio', 'Greeting audio', 'A .wav file played when the call is answered')
      ) : (
        <>
          <NumberInput
            label="Maximum call length (minutes)"
            description="A call is ended once it has lasted this long"
            min={MAX_CALL_MINUTES.min}
            max={MAX_CALL_MINUTES.max}
            value={draft.maxCallMinutes}
            error={errorFor('maxCallMinutes')}
            onChange={(maxCallMinutes) => set({ maxCallMinutes })}
          />
          <TextInput
            label="Transfer number"
            description="Where the call is handed over when the person asks for a human (cold transfer). Empty: no transfers."
            placeholder="+1 212 555 0100"
            value={draft.transferNumber}
            error={errorFor('transferNumber')}
            onChange={(e) => set({ transferNumber: e.currentTarget.value })}
          />
        </>
      )}
      {audioField('voicemailAudio', 'Voicemail audio', 'A .wav file left on voicemail')}
    </Stack>
  );
}
