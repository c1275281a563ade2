import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const DEFAULT_COUNTRY: CountryCode = 'US';

/** Normalises any common phone format to E.164, or null when it is not a valid number. */
export function toE164(input: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** Digits only, for phone searches typed in any format: "(202) 555" -> "202555". */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/** True when a search text reads as a phone fragment rather than a name. */
export function looksLikePhone(input: string): boolean {
  return /^[\d\s()+.-]+$/.test(input) && /\d/.test(input);
}
