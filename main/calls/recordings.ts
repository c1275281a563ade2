import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a recorded call's audio is written (by the SIP media side) and read back: recordings/<call id>.wav. */
export function recordingFileOf(recordingsDir: string, callId: string): string {
  return join(recordingsDir, `${callId}.wav`);
}

export interface RecordingFile {
  file: string;
  bytes: number;
}

/**
 * A call's recording when there is one to play: the call was recorded, its file has been written (when the
 * call ended) and holds something. `callId` is an id read from the database, never a client's text.
 */
export async function findRecording(recordingsDir: string | null, callId: string): Promise<RecordingFile | null> {
  if (!recordingsDir) return null;
  const file = recordingFileOf(recordingsDir, callId);
  try {
    const info = await stat(file);
    return info.isFile() && info.size > 0 ? { file, bytes: info.size } : null;
  } catch {
    return null;
  }
}
