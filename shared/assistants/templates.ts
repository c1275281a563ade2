import { spokenDate, spokenTime } from './spokenTime';

/**
 * An assistant's greeting, prompt and voicemail message are templates: `{{firstName}}`, with a fallback
 * `{{firstName|there}}`, spaces inside the braces allowed. Every engine, the form's preview and the launch check
 * render them through this one module; a template is compiled once and then rendered per contact.
 */

export const TEMPLATE_VARIABLES = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'jobTitle',
  'email',
  'phone',
  'leadStatus',
  'localTime',
  'localDate',
  'campaign',
  'assistant',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** `{{custom.<key>}}` reads the contact's custom field <key>. */
export const CUSTOM_PREFIX = 'custom.';

/** What of a contact a template can say. */
export interface TemplateContact {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  leadStatus: string;
  customFields: Record<string, unknown>;
}
export type ContactField = Exclude<keyof TemplateContact, 'customFields'>;

/** Everything one rendering reads: the contact, the names around the call, and where and when the contact is. */
export interface TemplateContext {
  contact: TemplateContact;
  company: string | null;
  campaign: string | null;
  assistant: string | null;
  /** The contact's own zone (contactTimeZone), for localTime and localDate. */
  timeZone: string;
  /** The instant the call happens (UTC ms). */
  at: number;
}

/**
 * The zone a contact's local time is said in, from its zone key (its own zone, else the '|'-joined zones of its
 * number, as enrolment stores it): the first of them, else the campaign's zone.
 */
export function contactTimeZone(zoneKey: string | null, fallbackZone: string): string {
  return zoneKey ? zoneKey.split('|')[0] : fallbackZone;
}

/** One `{{…}}` of a template: its variable, and the text said instead when the contact has no value (null: none). */
export interface VariableUse {
  name: string;
  fallback: string | null;
}

type Read = (ctx: TemplateContext) => unknown;

interface KnownVariable {
  read: Read;
  /** The contact fields it is made of (the contact lacks it when all are empty); absent: the same for every contact of a call's campaign. */
  contactFields?: readonly ContactField[];
}

const fromContact = (field: ContactField): KnownVariable => ({ read: (ctx) => ctx.contact[field], contactFields: [field] });

const KNOWN: Record<TemplateVariable, KnownVariable> = {
  firstName: fromContact('firstName'),
  lastName: fromContact('lastName'),
  fullName: { read: ({ contact }) => `${contact.firstName.trim()} ${contact.lastName.trim()}`, contactFields: ['firstName', 'lastName'] },
  company: { read: (ctx) => ctx.company },
  jobTitle: fromContact('jobTitle'),
  email: fromContact('email'),
  phone: fromContact('phone'),
  // said, not shown: "do not contact" rather than do_not_contact
  leadStatus: { read: ({ contact }) => contact.leadStatus.replace(/_/g, ' '), contactFields: ['leadStatus'] },
  localTime: { read: (ctx) => spokenTime(ctx.timeZone, ctx.at) },
  localDate: { read: (ctx) => spokenDate(ctx.timeZone, ctx.at) },
  campaign: { read: (ctx) => ctx.campaign },
  assistant: { read: (ctx) => ctx.assistant },
};

/** A custom field key may hold any characters but these (a quote or backslash would not survive a JSON path). */
const CUSTOM_KEY = /^[^"\\{}|]+$/;

/** The key of a `custom.<key>` variable, or null for any other name. */
export function customKeyOf(name: string): string | null {
  if (!name.startsWith(CUSTOM_PREFIX)) return null;
  const key = name.slice(CUSTOM_PREFIX.length).trim();
  return CUSTOM_KEY.test(key) ? key : null;
}

export function isKnownVariable(name: string): boolean {
  return Object.hasOwn(KNOWN, name) || customKeyOf(name) !== null;
}

/** The contact fields a variable reads; 'customFields' for a custom one; null when it is the same for the whole campaign. */
export function contactFieldsOf(name: string): readonly ContactField[] | 'customFields' | null {
  if (customKeyOf(name) !== null) return 'customFields';
  return (Object.hasOwn(KNOWN, name) && KNOWN[name as TemplateVariable].contactFields) || null;
}

/** A value as said: text, a number or a yes/no flag; anything else (null, a list) is no value. */
function spoken(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function readerOf(name: string): (ctx: TemplateContext) => string | null {
  const key = customKeyOf(name);
  if (key !== null) return (ctx) => spoken(Object.hasOwn(ctx.contact.customFields, key) ? ctx.contact.customFields[key] : null);
  const known = Object.hasOwn(KNOWN, name) ? KNOWN[name as TemplateVariable] : null;
  return known ? (ctx) => spoken(known.read(ctx)) : () => null;
}

/** The value a context gives a variable (trimmed), or null when it has none. */
export function variableValue(name: string, ctx: TemplateContext): string | null {
  return readerOf(name)(ctx);
}

interface Slot extends VariableUse {
  read(ctx: TemplateContext): string | null;
}

export interface CompiledTemplate {
  /** Literal text and variable slots, in order. */
  readonly parts: readonly (string | Slot)[];
  /** Every `{{…}}`, in order, repeats included. */
  readonly uses: readonly VariableUse[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Parses a template once (null or '' is an empty one); rendering then costs one pass over its parts. */
export function compileTemplate(text: string | null | undefined): CompiledTemplate {
  const parts: (string | Slot)[] = [];
  const uses: VariableUse[] = [];
  let last = 0;
  for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text!.slice(last, match.index));
    const bar = match[1].indexOf('|');
    const name = (bar < 0 ? match[1] : match[1].slice(0, bar)).trim();
    const fallback = bar < 0 ? null : match[1].slice(bar + 1).trim();
    const canonical = customKeyOf(name) === null ? name : `${CUSTOM_PREFIX}${customKeyOf(name)}`;
    uses.push({ name: canonical, fallback });
    parts.push({ name: canonical, fallback, read: readerOf(canonical) });
    last = match.index + match[0].length;
  }
  if (last < (text ?? '').length) parts.push(text!.slice(last));
  return { parts, uses };
}

/** The distinct variable names a template uses, in order of first use. */
export function templateVariables(template: CompiledTemplate): string[] {
  return [...new Set(template.uses.map((use) => use.name))];
}

/** The names a template uses that no variable has (a validation error at save time). */
export function unknownVariables(template: CompiledTemplate): string[] {
  return templateVariables(template).filter((name) => !isKnownVariable(name));
}

/** The template's text for one contact: a variable without a value says its fallback, or nothing. */
export function renderTemplate(template: CompiledTemplate, ctx: TemplateContext): string {
  let out = '';
  for (const part of template.parts) out += typeof part === 'string' ? part : (part.read(ctx) ?? part.fallback ?? '');
  return out;
}

/** The variables that render empty for this context: used somewhere without a fallback, and without a value. */
export function missingVariables(template: CompiledTemplate, ctx: TemplateContext): string[] {
  const missing = new Set<string>();
  for (const part of template.parts) if (typeof part !== 'string' && part.fallback === null && part.read(ctx) === null) missing.add(part.name);
  return [...missing];
}

/**
 * The field error for a template's unknown variables, or null when it has none. A name that differs from a known
 * one only in case is pointed at it.
 */
export function unknownVariablesError(text: string | null | undefined): string | null {
  const unknown = unknownVariables(compileTemplate(text));
  if (!unknown.length) return null;
  const named = unknown.map((name) => {
    const meant = TEMPLATE_VARIABLES.find((known) => known.toLowerCase() === name.toLowerCase());
    return meant ? `{{${name}}} (did you mean {{${meant}}}?)` : `{{${name}}}`;
  });
  const known = [...TEMPLATE_VARIABLES, `${CUSTOM_PREFIX}<key>`].join(', ');
  return `Unknown variable${unknown.length > 1 ? 's' : ''} ${named.join(', ')}. Known: ${known}`;
}
