import { sql, type Kysely } from 'kysely';
import type { CallAnalysis } from '../../shared/analysis/collect';
import type { CallOutcome, EnrolmentStatus, SkipReason } from '../../shared/campaigns/types';
import type { Database } from '../db/schema';
import { analysesOf, EXPORT_PAGE_ROWS } from './callPages';

/** One contact's result in a campaign: where its enrolment stands and the analysis of its latest analysed call. */
export interface ContactResult {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  status: EnrolmentStatus;
  skipReason: SkipReason | null;
  attempts: number;
  lastOutcome: CallOutcome | null;
  updatedAt: number;
  analysis: CallAnalysis | null;
}

/**
 * The campaign's enrolments by contact id, a page at a time by keyset along the (campaign, contact) index, so no
 * read sorts. A contact's latest analysed call is found through the calls-by-number index (the number the contact
 * has now; the `+` keeps the planner off the by-campaign index, which would walk all the campaign's calls), one
 * probe per contact.
 */
export async function* resultPages(db: Kysely<Database>, campaignId: string): AsyncGenerator<ContactResult[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('campaignContacts as cc')
      .leftJoin('contacts as ct', 'ct.id', 'cc.contactId')
      .select(['cc.contactId', 'ct.firstName', 'ct.lastName', 'ct.phone', 'ct.email', 'cc.status', 'cc.skipReason', 'cc.attempts', 'cc.lastOutcome', 'cc.updatedAt'])
      .select(
        sql<string | null>`(SELECT k.id FROM calls k JOIN call_analyses a ON a.call_id = k.id
          WHERE k.to_number = ct.phone AND +k.campaign_id = cc.campaign_id AND k.contact_id = cc.contact_id AND a.state = 'done'
          ORDER BY k.started_at DESC LIMIT 1)`.as('analysedCallId'),
      )
      .where('cc.campaignId', '=', campaignId)
      .where('cc.contactId', '>', after)
      .orderBy('cc.contactId')
      .limit(EXPORT_PAGE_ROWS)
      .execute();
    if (rows.length === 0) return;
    const analyses = await analysesOf(db, rows.flatMap((row) => (row.analysedCallId ? [row.analysedCallId] : [])));
    yield rows.map(({ analysedCallId, ...row }) => ({ ...row, analysis: (analysedCallId && analyses.get(analysedCallId)) || null }));
    if (rows.length < EXPORT_PAGE_ROWS) return;
    after = rows[rows.length - 1].contactId;
  }
}
