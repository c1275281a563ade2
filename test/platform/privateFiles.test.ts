import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRIVATE_FILE_MODE, writePrivateFile } from '../../main/platform/privateFiles';
import { removeTempFiles, tempFile } from '../support/tempFiles';

afterAll(removeTempFiles);

describe('writePrivateFile', () => {
  it('shows the file only once it is whole, 0600: never half written', async () => {
    const file = join(dirname(tempFile('x')), 'recordings', 'call.wav');
    const seenWhileWriting: boolean[] = [];
    function* chunks() {
      yield Buffer.from('RIFF');
      seenWhileWriting.push(existsSync(file));
      yield Buffer.from('WAVE');
      seenWhileWriting.push(existsSync(file));
    }
    await writePrivateFile(file, chunks());
    expect(seenWhileWriting).toEqual([false, false]);
    expect(readFileSync(file, 'utf8')).toBe('RIFFWAVE');
    expect(statSync(file).mode & 0o777).toBe(PRIVATE_FILE_MODE);
    expect(readdirSync(dirname(file))).toEqual(['call.wav']);
  });

  it('leaves neither the file nor a part of it when the writing fails', async () => {
    const file = join(dirname(tempFile('y')), 'media', 'greeting.wav');
    function* failing(): Generator<Uint8Array> {
      yield Buffer.from('RIFF');
      throw new Error('out of audio');
    }
    await expect(writePrivateFile(file, failing())).rejects.toThrow('out of audio');
    expect(readdirSync(dirname(file))).toEqual([]);
  });
});
