import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Selectable } from 'kysely';
import { AppError } from '../../shared/errors';
import { MAX_MEDIA_BYTES, MEDIA_ID, MEDIA_TOO_LARGE, type MediaInfo, type MediaUpload } from '../../shared/telephony/media';
import type { CrmDeps, TeamScope } from '../crm/context';
import { inspectWav } from './media/wav';
import { newId } from '../platform/ids';
import { iso } from '../db/instants';
import type { MediaTable } from '../db/schema';
import type { DataFolder } from '../platform/dataFolder';
import { writePrivateFile } from '../platform/privateFiles';

const toInfo = ({ id, name, durationMs, bytes, createdAt }: Selectable<MediaTable>): MediaInfo => ({ id, name, durationMs, bytes, createdAt: iso(createdAt) });

/** The assistant columns that name media, and the legacy path column each replaced (see migration 013). */
const LEGACY_AUDIO = [
  { path: 'legacyGreetingPath', media: 'greetingMediaId' },
  { path: 'legacyVoicemailPath', media: 'voicemailMediaId' },
] as const;

/**
 * Uploaded audio: a WAV a call can play, kept as media/<id>.wav (0600) in the data folder and referred to
 * by id. No client ever names a file on the machine, so none can have a call play another call's recording
 * or make the app open a network share.
 */
export function createMediaService({ db, now, folder }: CrmDeps & { folder: DataFolder | null }) {
  async function store(team: TeamScope, name: string, bytes: Buffer): Promise<MediaInfo> {
    if (!folder) throw AppError.conflict('This workspace is in memory and keeps no files');
    if (bytes.length > MAX_MEDIA_BYTES) throw AppError.validation({ data: MEDIA_TOO_LARGE });
    const audio = inspectWav(bytes);
    if ('problem' in audio) throw AppError.validation({ data: audio.problem });
    const row = { id: newId('med'), teamId: team.teamId, name, durationMs: audio.durationMs, bytes: bytes.length, createdAt: now() };
    await writePrivateFile(join(folder.media, `${row.id}.wav`), bytes);
    await db.insertInto('media').values(row).execute();
    return toInfo(row);
  }

  /**
   * The WAV a path an older version stored names, or null when it must not be imported: it is outside the
   * data folder (any other file on the machine, a network share), another call's recording, or not playable.
   * The path is checked as text before the file is touched, then again once links are resolved.
   */
  async function legacyWav(path: string): Promise<Buffer | null> {
    if (!folder) return null;
    const inside = (full: string) => {
      const rel = relative(folder.root, full);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== basename(folder.recordings);
    };
    const full = resolve(folder.root, path);
    if (!inside(full)) return null;
    try {
      const real = await realpath(full);
      if (!inside(real) || (await stat(real)).size > MAX_MEDIA_BYTES) return null;
      const bytes = await readFile(real);
      return 'problem' in inspectWav(bytes) ? null : bytes;
    } catch {
      return null;
    }
  }

  return {
    upload: (team: TeamScope, { name, data }: MediaUpload) => store(team, name, Buffer.from(data, 'base64')),

    async get(team: TeamScope, id: string): Promise<MediaInfo> {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst();
      if (!row) throw AppError.notFound('Media', id);
      return toInfo(row);
    },

    /** The team's media among `ids`, by id. */
    async byIds(team: TeamScope, ids: (string | null)[]): Promise<Map<string, MediaInfo>> {
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      if (wanted.length === 0) return new Map();
      const rows = await db.selectFrom('media').selectAll().where('teamId', '=', team.teamId).where('id', 'in', wanted).execute();
      return new Map(rows.map((row) => [row.id, toInfo(row)]));
    },

    /** Where a call finds the audio of a media id (the SIP provider plays it); null in an in-memory workspace. */
    fileOf(id: string): string | null {
      if (!folder || !MEDIA_ID.test(id)) return null;
      return join(folder.media, `${id}.wav`);
    },

    /**
     * Empties the legacy path columns once, when the workspace opens: a readable WAV inside the data folder
     * becomes the assistant's media; any other path is dropped (the assistant then has no greeting or
     * voicemail audio until one is uploaded).
     */
    async importLegacyPaths(): Promise<{ imported: number; dropped: number }> {
      const rows = await db
        .selectFrom('assistants')
        .select(['id', 'teamId', 'legacyGreetingPath', 'legacyVoicemailPath'])
        .where((eb) => eb.or([eb('legacyGreetingPath', 'is not', null), eb('legacyVoicemailPath', 'is not', null)]))
        .execute();
      const counts = { imported: 0, dropped: 0 };
      for (const row of rows) {
        for (const { path, media } of LEGACY_AUDIO) {
          const legacy = row[path];
          if (legacy === null) continue;
          const bytes = await legacyWav(legacy);
          const imported = bytes ? await store({ teamId: row.teamId }, basename(legacy), bytes) : null;
          counts[imported ? 'imported' : 'dropped'] += 1;
          await db
            .updateTable('assistants')
            .set({ [path]: null, ...(imported ? { [media]: imported.id } : {}) })
            .where('id', '=', row.id)
            .execute();
        }
      }
      return counts;
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
