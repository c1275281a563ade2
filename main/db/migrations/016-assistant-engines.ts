import type { Migration } from './types';

/**
 * Assistants that hold the conversation: each has a voice engine (the built-in realtime model, its own agent over
 * Media Streams, or recorded audio), the realtime model and voice, a number to transfer calls to, and a longest
 * call. The assistants already there keep doing what they did: bridging to their agent URL when they have one,
 * else playing their audio. The defaults are written out: a later default applies to new assistants only.
 */
export const assistantEngines: Migration = {
  version: 16,
  name: 'assistant-engines',
  up(db) {
    db.exec(`
      ALTER TABLE assistants ADD COLUMN engine TEXT NOT NULL DEFAULT 'audio' CHECK (engine IN ('realtime', 'media-streams', 'audio'));
      ALTER TABLE assistants ADD COLUMN realtime_model TEXT NOT NULL DEFAULT 'gpt-realtime';
      ALTER TABLE assistants ADD COLUMN realtime_voice TEXT NOT NULL DEFAULT 'marin';
      ALTER TABLE assistants ADD COLUMN transfer_number TEXT;
      ALTER TABLE assistants ADD COLUMN max_call_minutes INTEGER NOT NULL DEFAULT 10 CHECK (max_call_minutes BETWEEN 1 AND 120);
      UPDATE assistants SET engine = 'media-streams' WHERE agent_url IS NOT NULL;
    `);
  },
};
