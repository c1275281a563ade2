import { z } from 'zod';

/** What the model may ask the app to do during a call, each with the arguments it must give. */
const TOOL_ARGUMENTS = {
  end_call: z.strictObject({ reason: z.string().describe('Why the call ends, in a few words') }),
  opt_out: z.strictObject({}),
  schedule_callback: z.strictObject({
    at: z.string().describe('When to call back: an ISO-8601 date and time, or "in N minutes", "in N hours", "in N days"'),
    note: z.string().describe('What to pick up on when calling back'),
  }),
  transfer_call: z.strictObject({ reason: z.string().describe('Why the person wants a human, in a few words') }),
  voicemail_reached: z.strictObject({}),
};

export type VoiceToolName = keyof typeof TOOL_ARGUMENTS;

export const VOICE_TOOL_NAMES = Object.keys(TOOL_ARGUMENTS) as VoiceToolName[];

// the model decides from these alone when to call each tool, so they say when, not how the app carries it out
const DESCRIPTIONS: Record<VoiceToolName, string> = {
  end_call: 'Hang up once you have said goodbye: the conversation is over.',
  opt_out: 'The person asks not to be called again. Call this, then say goodbye politely.',
  schedule_callback: 'The person asks to be called back later; call this with the time they gave.',
  transfer_call: 'The person asks to speak to a human: transfer the call to a colleague.',
  voicemail_reached: 'You are talking to an answering machine or voicemail greeting, not a person.',
};

/** One tool call from the model, with its arguments checked; `callId` is what the result is returned under. */
export type VoiceToolCall = {
  [N in VoiceToolName]: { name: N; arguments: z.output<(typeof TOOL_ARGUMENTS)[N]>; callId: string };
}[VoiceToolName];

/** A tool as a session declares it to the model: a function with a JSON Schema of its arguments. */
export interface FunctionTool {
  type: 'function';
  name: VoiceToolName;
  description: string;
  parameters: Record<string, unknown>;
}

export function functionTools(names: readonly VoiceToolName[]): FunctionTool[] {
  return names.map((name) => {
    const { $schema: _dialect, ...parameters } = z.toJSONSchema(TOOL_ARGUMENTS[name]);
    return { type: 'function', name, description: DESCRIPTIONS[name], parameters };
  });
}

/**
 * The model's call of `name` with its arguments (JSON text) as a checked call, or what is wrong with it in
 * words the model can act on: a tool it was not offered, arguments that are not JSON or miss a field.
 */
export function parseToolCall(offered: readonly VoiceToolName[], name: string, argumentsJson: string, callId: string): VoiceToolCall | { error: string } {
  const tool = offered.find((offeredName) => offeredName === name);
  if (!tool) return { error: `There is no tool named ${name} in this call` };
  let json: unknown;
  try {
    // a tool without arguments may come with none at all
    json = argumentsJson.trim() ? JSON.parse(argumentsJson) : {};
  } catch {
    return { error: `The arguments of ${name} are not valid JSON` };
  }
  const parsed = TOOL_ARGUMENTS[tool].safeParse(json);
  if (!parsed.success) return { error: `The arguments of ${name} are wrong: ${z.prettifyError(parsed.error)}` };
  return { name: tool, arguments: parsed.data, callId } as VoiceToolCall;
}
