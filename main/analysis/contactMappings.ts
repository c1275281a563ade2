import type { CollectField, FieldValue } from '../../shared/analysis/collect';
import { LEAD_STATUSES, type LeadStatus } from '../../shared/crm/leadStatus';
import type { ContactChange, MappedContact } from './analysisJobStore';

const isLeadStatus = (value: FieldValue): value is LeadStatus => typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);

/**
 * What the collected values that map onto the contact (its lead status, a custom field) make of it, with a history
 * line for each change; null when nothing changes. A value the call left unsaid changes nothing.
 */
export const contactChange =
  (fields: readonly CollectField[], values: Record<string, FieldValue>) =>
  (contact: MappedContact): ContactChange | null => {
    const customFields = { ...contact.customFields };
    let leadStatus = contact.leadStatus;
    const history: string[] = [];
    for (const field of fields) {
      const value = values[field.key] ?? null;
      if (!field.mapTo || value === null) continue;
      if (field.mapTo === 'leadStatus') {
        if (isLeadStatus(value) && value !== leadStatus) history.push(`Lead status set to ${(leadStatus = value)} by call analysis`);
      } else {
        const key = field.mapTo.slice('custom.'.length);
        if (customFields[key] !== String(value)) history.push(`Custom field ${key} set to "${(customFields[key] = String(value))}" by call analysis`);
      }
    }
    return history.length ? { leadStatus, customFields, history } : null;
  };
