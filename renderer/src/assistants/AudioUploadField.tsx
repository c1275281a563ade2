import { Button, FileInput, Group, Input, Text } from '@mantine/core';
import { useState } from 'react';
import { MAX_MEDIA_BYTES, MEDIA_TOO_LARGE, type MediaInfo } from '../../../shared/telephony/media';
import { api } from '../api/api';
import { fieldErrorsOrToast } from '../common/errors';

interface Props {
  label: string;
  description: string;
  value: MediaInfo | null;
  /** An error from saving the form (e.g. the upload is gone). */
  error?: string;
  onChange(media: MediaInfo | null): void;
}

/** "12.5 s" under a minute, "2:05" from one on. */
function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
}

/** The file's bytes in base64, as the upload channel takes them. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A WAV for the assistant: uploaded as soon as it is chosen (main checks it is audio a call can play), then shown by name and length. */
export function AudioUploadField({ label, description, value, error, onChange }: Props) {
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function choose(file: File | null) {
    setProblem(null);
    if (!file) return;
    if (file.size > MAX_MEDIA_BYTES) return setProblem(MEDIA_TOO_LARGE);
    setUploading(true);
    try {
      onChange(await api.invoke('media.upload', { name: file.name, data: await readBase64(file) }));
    } catch (failure) {
      const fields = fieldErrorsOrToast(failure);
      setProblem(fields.data ?? fields.name ?? null);
    } finally {
      setUploading(false);
    }
  }

  if (value) {
    return (
      <Input.Wrapper label={label} description={description} error={error}>
        <Group gap="sm" mt={4} aria-label={`${label} file`} role="group">
          <Text size="sm">{value.name}</Text>
          <Text size="sm" c="dimmed">
            {formatDuration(value.durationMs)}
          </Text>
          <Button variant="subtle" color="red" size="compact-sm" onClick={() => onChange(null)}>
            Remove {label.toLowerCase()}
          </Button>
        </Group>
      </Input.Wrapper>
    );
  }
  return (
    <FileInput
      label={label}
      description={description}
      accept=".wav,audio/wav,audio/x-wav"
      placeholder={uploading ? 'Uploading…' : 'Choose a .wav file'}
      disabled={uploading}
      value={null}
      error={problem ?? error}
      onChange={(file) => void choose(file)}
    />
  );
}
