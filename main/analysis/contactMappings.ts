import type { CollectField, FieldValue } from '../../shared/analysis/collect';
import { LEAD_STATUSES, type LeadStatus } from '../../shared/crm/leadStatus';
import { readJson } from '../crm/json';
import type { SyncWrites } from './syncWrites';

const isLeadStatus = (value: FieldValue): value is LeadStatus => typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);

/**
 * Writes the collected values that map onto the contact (its lead status, a custom field) and a history line
 * for each change, inside the transaction that stores the analysis. A value the call left unsaid changes nothing.
 */
export function applyMappings(
  writes: SyncWrites,
  { contactId, callId, fields, values, at }: { contactId: string; callId: string; fields: readonly CollectField[]; values: Record<string, FieldValue>; at: number },
): void {
  const { builder: db } = writes;
  const contact = writes.first<{ lead_status: LeadStatus; custom_fields: string }>(db.selectFrom('contacts').select(['leadStatus', 'customFields']).where('id', '=', contactId));
  if (!contact) return;
  const custom = readJson<Record<string, string>>(contact.custom_fields, {});
  let leadStatus = contact.lead_status;
  const history: string[] = [];
  for (const field of fields) {
    const value = values[field.key] ?? null;
    if (!field.mapTo || value === null) continue;
    if (field.mapTo === 'leadStatus') {
      if (isLeadStatus(value) && value !== leadStatus) history.push(`Lead status set to ${(leadStatus = value)} by call analysis`);
    } else {
      const key = field.mapTo.slice('custom.'.length);
      if (custom[key] !== String(value)) history.push(`Custom field ${key} set to "${(custom[key] = String(value))}" by call analysis`);
    }
  }
  if (!history.length) return;
  writes.run(db.updateTable('contacts').set({ leadStatus, customFields: JSON.stringify(custom), updatedAt: at }).where('id', '=', contactId));
  writes.run(db.insertInto('contactHistory').values(history.map((text) => ({ contactId, callId, at, kind: 'analysis', text }))));
}
