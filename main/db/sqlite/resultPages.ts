import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { ContactResult, RowPages } from '../../exports/exportStore';
import type { Database } from '../schema';
import { analysisFrom, analysisJson } from './callPages';
import { EXPORT_PAGE_ROWS, keysetPages, streamedRows } from './keysetPages';

/**
 * The campaign's enrolments by contact id, a page at a time by keyset along the (campaign, contact) index, so no
 * read sorts. A contact's latest analysed call is found through the calls-by-number index (the number the contact
 * has now; the `+` keeps the planner off the by-campaign index, which would walk all the campaign's calls), one
 * probe per contact, and its analysis read in the same statement.
 */
export function resultPages(db: Kysely<Database>, sqlite: BetterSqlite3.Database, campaignId: string): RowPages<ContactResult> {
  const page = (after: string | undefined) =>
    streamedRows(
      sqlite,
      db
        .selectFrom('campaignContacts as cc')
        .leftJoin('contacts as ct', 'ct.id', 'cc.contactId')
        .select(['cc.contactId', 'ct.firstName', 'ct.lastName', 'ct.phone', 'ct.email', 'cc.status', 'cc.skipReason', 'cc.attempts', 'cc.lastOutcome', 'cc.updatedAt'])
        .select(
          analysisJson(sql`(SELECT k.id FROM calls k JOIN call_analyses d ON d.call_id = k.id
            WHERE k.to_number = ct.phone AND +k.campaign_id = cc.campaign_id AND k.contact_id = cc.contact_id AND d.state = 'done'
            ORDER BY k.started_at DESC LIMIT 1)`).as('analysis'),
        )
        .where('cc.campaignId', '=', campaignId)
        .where('cc.contactId', '>', after ?? '')
        .orderBy('cc.contactId')
        .limit(EXPORT_PAGE_ROWS),
    );
  return keysetPages(
    page,
    (row) => row.contactId,
    (row): ContactResult => ({ ...row, analysis: analysisFrom(row.analysis) }),
  );
}
