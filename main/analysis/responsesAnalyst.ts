import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { analysisOutput } from '../../shared/analysis/collect';
import type { OpenAiConnection } from '../voice/voiceSettings';
import { AnalysisFailure, transcriptText, type Analyst, type AnalysisRequest } from './analyst';

export const ANALYSIS_MODEL = 'gpt-4.1-mini';
const TIMEOUT_MS = 60_000;

function instructions({ fields, successCriterion }: AnalysisRequest): string {
  const wanted = fields.map((f) => `- ${f.key} (${f.type}${f.options.length ? `: ${f.options.join(' | ')}` : ''}): ${f.description || f.key}`);
  return [
    'You analyse the transcript of a phone call an assistant made. Answer in the JSON schema given.',
    'summary: two or three plain sentences on what happened.',
    `success: true only if this was met: ${successCriterion ?? 'the person agreed to what the assistant asked'}.`,
    wanted.length ? `fields, null when the call did not say:\n${wanted.join('\n')}` : 'fields: an empty object.',
  ].join('\n');
}

/**
 * Analyses through the OpenAI Responses API with structured output: the JSON schema sent is generated from
 * the assistant's fields (the same zod schema the worker checks the answer with). Retries are the worker's,
 * kept in the database, so the client makes one attempt.
 */
export function createResponsesAnalyst(connection: () => OpenAiConnection, model = ANALYSIS_MODEL): Analyst {
  return {
    async analyse(request) {
      const { apiKey, baseUrl } = connection();
      if (!apiKey) throw new AnalysisFailure('No OpenAI API key: save one in Settings → Voice');
      const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: TIMEOUT_MS });
      const response = await client.responses.create({
        model,
        instructions: instructions(request),
        input: transcriptText(request.transcript),
        text: { format: zodTextFormat(analysisOutput(request.fields), 'call_analysis') },
      });
      try {
        return JSON.parse(response.output_text) as unknown;
      } catch {
        throw new AnalysisFailure(`The model's answer is not JSON: ${response.output_text.slice(0, 200)}`);
      }
    },
  };
}
