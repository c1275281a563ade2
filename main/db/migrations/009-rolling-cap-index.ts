import type { Migration } from './types';

/**
 * The rolling-cap count at every dial (a number's calls of the last 24 hours within the team) reads an
 * index only: the team joins the number and the start time in one index, which replaces the older one.
 */
export const rollingCapIndex: Migration = {
  version: 9,
  name: 'rolling-cap-index',
  up(db) {
    db.exec(`
      CREATE INDEX calls_to_number_team_started ON calls (to_number, team_id, started_at);
      DROP INDEX calls_to_number_started;
    `);
  },
};
