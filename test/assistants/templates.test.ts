import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  contactTimeZone,
  missingVariables,
  renderTemplate,
  TEMPLATE_VARIABLES,
  templateVariables,
  unknownVariables,
  unknownVariablesError,
  type TemplateContact,
  type TemplateContext,
} from '../../shared/assistants/templates';

const ANN: TemplateContact = {
  firstName: 'Ann',
  lastName: 'Lee',
  email: 'ann@example.com',
  phone: '+12125550101',
  jobTitle: 'CFO',
  leadStatus: 'do_not_contact',
  customFields: { plan: 'Gold', seats: 12, renewed: true, tags: ['a'], blank: '   ' },
};
/** 2026-03-03 19:05 UTC: 2:05 PM on Tuesday, March 3 in New York (EST). */
const AT = Date.parse('2026-03-03T19:05:00Z');
const ctx = (contact: Partial<TemplateContact> = {}, rest: Partial<TemplateContext> = {}): TemplateContext => ({
  contact: { ...ANN, ...contact },
  company: 'Acme',
  campaign: 'Q2 Renewals',
  assistant: 'Riley',
  timeZone: 'America/New_York',
  at: AT,
  ...rest,
});
const render = (text: string, context = ctx()) => renderTemplate(compileTemplate(text), context);

describe('rendering a template for a contact', () => {
  it('fills every variable from the contact, its company, the campaign, the assistant and the local clock', () => {
    const text = TEMPLATE_VARIABLES.map((name) => `${name}=[{{${name}}}]`).join(' ');
    expect(render(text)).toBe(
      'firstName=[Ann] lastName=[Lee] fullName=[Ann Lee] company=[Acme] jobTitle=[CFO] email=[ann@example.com] phone=[+12125550101] ' +
        'leadStatus=[do not contact] localTime=[2:05 PM] localDate=[Tuesday, March 3] campaign=[Q2 Renewals] assistant=[Riley]',
    );
  });

  it('tolerates spaces inside the braces and leaves single or unclosed braces as they are', () => {
    expect(render('Hi {{ firstName }}, {{  firstName|there  }}! {not} {{ company}} {{')).toBe('Hi Ann, Ann! {not} Acme {{');
  });

  it('says the fallback when the contact has no value, and nothing when there is no fallback', () => {
    const nameless = ctx({ firstName: '', lastName: '  ', jobTitle: null });
    expect(render('Hi {{firstName|there}}, {{ jobTitle | friend }}.', nameless)).toBe('Hi there, friend.');
    expect(render('Hi {{firstName}}.', nameless)).toBe('Hi .');
    expect(render('{{fullName|you}}', nameless)).toBe('you');
    expect(render('{{fullName}}', ctx({ firstName: '' }))).toBe('Lee');
    // an empty fallback is a fallback: nothing said, on purpose
    expect(render('Hi{{firstName|}}!', nameless)).toBe('Hi!');
  });

  it('reads custom fields by key: text, numbers and flags; lists and blanks are no value', () => {
    expect(render('{{custom.plan}} / {{ custom.seats }} / {{custom.renewed}}')).toBe('Gold / 12 / true');
    expect(render('[{{custom.tags|none}}] [{{custom.blank|none}}] [{{custom.missing|none}}] [{{custom.constructor|none}}]')).toBe('[none] [none] [none] [none]');
    expect(render('{{custom.Plan Tier}}', ctx({ customFields: { 'Plan Tier': 'Pro' } }))).toBe('Pro');
  });

  it('names the variables that render empty: used without a fallback and without a value', () => {
    const template = compileTemplate('Hi {{firstName|there}} {{lastName}}, {{custom.plan}} at {{company}}; {{firstName}} again {{jobTitle|}}');
    expect(missingVariables(template, ctx())).toEqual([]);
    expect(missingVariables(template, ctx({ firstName: '', lastName: '', jobTitle: null, customFields: {} }, { company: null }))).toEqual([
      'lastName',
      'custom.plan',
      'company',
      'firstName',
    ]);
  });
});

describe('the variables a template uses', () => {
  it('lists each name once, in order of first use, custom keys trimmed', () => {
    expect(templateVariables(compileTemplate('{{ firstName }} {{custom. plan }} {{firstName|x}} {{localTime}}'))).toEqual(['firstName', 'custom.plan', 'localTime']);
    expect(templateVariables(compileTemplate(null))).toEqual([]);
  });

  it('finds the unknown names: a typo, a case slip, an empty name, a custom key that is missing or quoted', () => {
    const template = compileTemplate('{{frstName}} {{FirstName}} {{}} {{custom.}} {{custom.a"b}} {{firstName}} {{custom.ok}}');
    expect(unknownVariables(template)).toEqual(['frstName', 'FirstName', '', 'custom.', 'custom.a"b']);
  });

  it('words the field error, pointing a case slip at the known name', () => {
    expect(unknownVariablesError('Hi {{firstName}}')).toBeNull();
    expect(unknownVariablesError(null)).toBeNull();
    const error = unknownVariablesError('Hi {{FirstName}}, about {{plan}}')!;
    expect(error).toMatch(/^Unknown variables \{\{FirstName\}\} \(did you mean \{\{firstName\}\}\?\), \{\{plan\}\}\. Known: firstName, lastName/);
    expect(error).toContain('custom.<key>');
  });
});

describe("the contact's local time and date", () => {
  const at = (iso: string, timeZone: string) => render('{{localTime}}, {{localDate}}', ctx({}, { at: Date.parse(iso), timeZone }));

  it('is read in the zone given, across the date line and in half-hour zones', () => {
    const instant = '2026-01-15T23:30:00Z';
    expect(at(instant, 'Pacific/Honolulu')).toBe('1:30 PM, Thursday, January 15');
    expect(at(instant, 'Pacific/Auckland')).toBe('12:30 PM, Friday, January 16');
    expect(at(instant, 'Asia/Kolkata')).toBe('5:00 AM, Friday, January 16');
    expect(at(instant, 'Australia/Sydney')).toBe('10:30 AM, Friday, January 16');
  });

  it('follows daylight saving: the spring-forward gap and the repeated fall-back hour', () => {
    expect(at('2026-03-08T06:59:00Z', 'America/New_York')).toBe('1:59 AM, Sunday, March 8');
    expect(at('2026-03-08T07:00:00Z', 'America/New_York')).toBe('3:00 AM, Sunday, March 8');
    expect(at('2026-11-01T05:30:00Z', 'America/New_York')).toBe('1:30 AM, Sunday, November 1');
    expect(at('2026-11-01T06:30:00Z', 'America/New_York')).toBe('1:30 AM, Sunday, November 1');
    expect(at('2026-11-01T07:30:00Z', 'America/New_York')).toBe('2:30 AM, Sunday, November 1');
    // London moves on its own date
    expect(at('2026-03-29T00:59:00Z', 'Europe/London')).toBe('12:59 AM, Sunday, March 29');
    expect(at('2026-03-29T01:00:00Z', 'Europe/London')).toBe('2:00 AM, Sunday, March 29');
  });

  it('moves on with the instant (a new minute is formatted afresh)', () => {
    const template = compileTemplate('{{localTime}}');
    expect(renderTemplate(template, ctx({}, { at: AT }))).toBe('2:05 PM');
    expect(renderTemplate(template, ctx({}, { at: AT + 60_000 }))).toBe('2:06 PM');
    expect(renderTemplate(template, ctx({}, { at: AT, timeZone: 'America/Los_Angeles' }))).toBe('11:05 AM');
  });

  it("is in the contact's own zone, else its number's first zone, else the campaign's", () => {
    expect(contactTimeZone('Europe/Paris', 'America/New_York')).toBe('Europe/Paris');
    expect(contactTimeZone('America/Chicago|America/Denver', 'America/New_York')).toBe('America/Chicago');
    expect(contactTimeZone(null, 'America/New_York')).toBe('America/New_York');
  });
});
