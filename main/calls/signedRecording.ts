import { AppError } from '../../shared/errors';
import type { FileToSend } from '../platform/http/byteRanges';
import type { CallService } from './callService';
import type { RecordingLinks } from './recordingLinks';

/** What a recording is served as: the WAV the media side wrote (8 kHz PCM, the far end and what it heard). */
export const RECORDING_TYPE = 'audio/wav';

/** The recording a signed link names: forbidden when the link is not one of ours or has expired, not_found when the file is gone. */
export async function signedRecording(services: { calls: CallService; recordingLinks: RecordingLinks }, url: URL): Promise<FileToSend> {
  const callId = services.recordingLinks.callOf(url.pathname, url.searchParams);
  if (!callId) throw AppError.forbidden('This recording link is not valid or has expired; open the call again');
  const recording = await services.calls.recordingFile(callId);
  if (!recording) throw AppError.notFound('Recording of call', callId);
  return { ...recording, contentType: RECORDING_TYPE };
}
