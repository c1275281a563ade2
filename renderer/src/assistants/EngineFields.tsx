import { Autocomplete, Input, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { ENGINE_LABELS, MAX_CALL_MINUTES, REALTIME_MODELS, REALTIME_VOICES, VOICE_ENGINES, type VoiceEngine } from '../../../shared/assistants/engines';
import { audioGreetingOf, type DraftSectionProps } from './assistantDraft';
import { AudioUploadField } from './AudioUploadField';

const ENGINE_NOTES: Record<VoiceEngine, string> = {
  realtime: 'OpenAI’s realtime model holds the conversation (the API key is in Settings → Voice engine).',
  'media-streams': 'Your own agent (Pipecat, LiveKit Agents, Vocode…) holds it: the call’s audio is streamed to it, both ways.',
  audio: 'No conversation: the greeting audio is played (without it, the greeting text is spoken) and the call hangs up.',
};

/** What the Telephony tab tells of an audio assistant's greeting when it has no audio to play. */
const AUDIO_GREETING_NOTES = {
  spoken: { color: 'dimmed', text: 'No greeting audio: the greeting text is spoken by OpenAI text to speech (the API key is in Settings → Voice engine).' },
  nothing: { color: 'orange', text: 'Nothing to say: upload greeting audio, or write a greeting on the General tab to have it spoken. Calls would hang up as soon as they are answered.' },
} as const;

/** The voice engine and what it needs: a model and voice, an agent's address, or the audio to play. */
export function EngineFields({ draft, set, errorFor }: DraftSectionProps) {
  const { engine } = draft;
  const audioField = (key: 'greetingAudio' | 'voicemailAudio', label: string, description: string) => (
    <AudioUploadField label={label} description={description} value={draft[key]} error={errorFor(`${key}Id`)} onChange={(media) => set({ [key]: media })} />
  );
  const textField = (key: 'agentUrl' | 'transferNumber', label: string, description: string, placeholder: string) => (
    <TextInput label={label} description={description} placeholder={placeholder} value={draft[key]} error={errorFor(key)} onChange={(e) => set({ [key]: e.currentTarget.value })} />
  );
  const voices = REALTIME_VOICES.includes(draft.realtimeVoice as never) ? [...REALTIME_VOICES] : [draft.realtimeVoice, ...REALTIME_VOICES];
  const voiceSelect = (description?: string) => (
    <Select label="Voice" description={description} data={voices} value={draft.realtimeVoice} error={errorFor('realtimeVoice')} onChange={(voice) => set({ realtimeVoice: voice ?? draft.realtimeVoice })} allowDeselect={false} />
  );
  const audioGreeting = audioGreetingOf(draft);
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
          {voiceSelect()}
        </>
      )}
      {engine === 'media-streams' &&
        textField(
          'agentUrl',
          'Agent endpoint',
          'WebSocket URL (ws:// or wss://) the call’s audio is streamed to, both ways. Credentials in it show as ****; they are kept unless you type new ones.',
          'wss://agent.example.com/media',
        )}
      {engine === 'audio' ? (
        <>
          {audioField('greetingAudio', 'Greeting audio', 'A .wav file played when the call is answered')}
          {audioGreeting !== 'upload' && (
            <Text size="sm" c={AUDIO_GREETING_NOTES[audioGreeting].color}>
              {AUDIO_GREETING_NOTES[audioGreeting].text}
            </Text>
          )}
          {audioGreeting === 'spoken' && voiceSelect('The voice the greeting text is spoken in')}
        </>
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
          {textField('transferNumber', 'Transfer number', 'Where the call is handed over when the person asks for a human (cold transfer). Empty: no transfers.', '+1 212 555 0100')}
        </>
      )}
      {audioField('voicemailAudio', 'Voicemail audio', 'A .wav file left on voicemail')}
    </Stack>
  );
}
