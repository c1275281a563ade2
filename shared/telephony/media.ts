import { z } from 'zod';
import { hasNoControlCharacters, NO_CONTROL_CHARACTERS } from '../validation';

/** The largest WAV an upload takes: minutes of telephone audio, far more than a greeting needs. */
export const MAX_MEDIA_BYTES = 7 * 1024 * 1024;
export const MEDIA_TOO_LARGE = `At most ${MAX_MEDIA_BYTES / 1024 / 1024} MB of audio`;
/** base64 turns every 3 bytes into 4 characters. */
const MAX_MEDIA_BASE64 = Math.ceil(MAX_MEDIA_BYTES / 3) * 4;
/** The request body that carries the largest upload as JSON, with room for its name. */
export const MEDIA_UPLOAD_BODY_BYTES = 10 * 1024 * 1024;

export const MEDIA_ID = /^med_[0-9a-z]{14}$/;

/** An uploaded audio file (WAV), as the UI and the API see it: never where it is kept. */
export interface MediaInfo {
  id: string;
  /** The name the file was uploaded with. */
  name: string;
  durationMs: number;
  bytes: number;
  createdAt: string;
}

/** An upload: the file's name (for people) and its bytes in base64, which travels in JSON over IPC, /rpc and the REST API. */
export const mediaUpload = z.strictObject({
  name: z
    .string({ error: 'File name is required' })
    .trim()
    .min(1, 'File name is required')
    .max(200, 'At most 200 characters')
    .refine(hasNoControlCharacters, NO_CONTROL_CHARACTERS)
    // a browser gives the bare name; other clients may send a path, of which only the last part is the name
    .transform((name) => name.split(/[\\/]/).pop() || name),
  data: z
    .base64({ error: 'Must be the file’s bytes in base64' })
    .min(1, 'The file is empty')
    .max(MAX_MEDIA_BASE64, MEDIA_TOO_LARGE),
});
export type MediaUpload = z.output<typeof mediaUpload>;
