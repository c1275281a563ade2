import type { CsvColumnTarget, CsvContactField, CsvMapping } from '../../shared/crm/csvImport';
import { customFieldKeys, customFieldOf, customTarget } from '../../shared/crm/csvMapping';

/** Common header spellings, compared lower-case with everything but letters and digits removed. */
const ALIASES: Record<CsvContactField, string[]> = {
  firstName: ['firstname', 'first', 'fname', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'lname', 'surname', 'familyname'],
  fullName: ['name', 'fullname', 'contactname', 'contact'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'tel', 'telephone', 'workphone', 'directphone', 'number'],
  phoneSecondary: ['phone2', 'secondaryphone', 'otherphone', 'altphone', 'alternatephone', 'homephone', 'phonesecondary'],
  email: ['email', 'emailaddress', 'mail', 'workemail'],
  jobTitle: ['title', 'jobtitle', 'position', 'role', 'job'],
  leadStatus: ['leadstatus', 'status', 'stage', 'lifecyclestage'],
  source: ['source', 'leadsource'],
  timezone: ['timezone', 'tz', 'zone', 'ianatimezone'],
  doNotCall: ['dnc', 'donotcall', 'optout', 'donotcontact'],
  notes: ['notes', 'note', 'comments', 'comment'],
  tags: ['tags', 'tag', 'labels'],
};

const BY_ALIAS = new Map<string, CsvContactField>(
  Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as CsvContactField])),
);

function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Maps each header to the field it most likely holds; overrides win; a field is filled by its first column only.
 * Any other column fills a custom field named after its header, so no column of the file is lost unless the user
 * says so.
 */
export function mapColumns(headers: string[], overrides: CsvMapping = {}): CsvMapping {
  const mapping: CsvMapping = {};
  const chosen = Object.values(overrides);
  const taken = new Set<CsvColumnTarget>(chosen.filter((t) => t !== 'ignore'));
  const customKeys = customFieldKeys(headers, chosen.map(customFieldOf).filter((key) => key !== null));
  for (const header of headers) {
    if (overrides[header]) {
      mapping[header] = overrides[header];
      continue;
    }
    const field = BY_ALIAS.get(headerKey(header));
    mapping[header] = field && !taken.has(field) ? field : customTarget(customKeys.get(header)!);
    if (field) taken.add(field);
  }
  return mapping;
}

/**
 * The mapping step: one CSV record (its cells under `headers`) as the raw contact input the shared schema validates.
 * Empty cells and columns mapped to 'ignore' fill nothing, so an empty cell never blanks a custom field either.
 */
export function recordToInput(headers: string[], mapping: CsvMapping, cells: string[], companyId: string): Record<string, unknown> {
  // no prototype: a key such as "__proto__" is a field like any other
  const customFields = Object.create(null) as Record<string, string>;
  const raw: Record<string, unknown> = { companyId, customFields };
  headers.forEach((header, i) => {
    const target = mapping[header];
    const value = cells[i]?.trim() ?? '';
    if (!target || target === 'ignore' || value === '') return;
    const customKey = customFieldOf(target);
    if (customKey !== null) customFields[customKey] = value;
    else if (target === 'fullName') {
      const [first, ...rest] = value.split(/\s+/);
      raw.firstName ??= first;
      raw.lastName ??= rest.join(' ');
    } else if (target === 'leadStatus') {
      raw.leadStatus = value.toLowerCase().replace(/[\s-]+/g, '_');
    } else if (target === 'tags') {
      raw.tags = value.split(/[;,]/).map((t) => t.trim()).filter(Boolean);
    } else {
      raw[target] = value;
    }
  });
  return raw;
}
