import { Alert, Checkbox, NumberInput } from '@mantine/core';
import type { Campaign } from '../../../shared/campaigns/types';

/** What a person should know before calling outside legal hours: shown where the guard is turned off or holds calls. */
export const LEGAL_CAUTION =
  'Calling people outside these hours can break telemarketing law (such as the TCPA and state rules), and the calls are yours to answer for. Turning the guard off is recorded.';

/** A NumberInput's value: a number, or the text being typed ('' when empty: no campaign cap). */
export type ComplianceValues = Pick<Campaign, 'legalHoursGuard'> & { rollingCapPer24h: number | string };

interface Props {
  values: ComplianceValues;
  onChange(patch: Partial<ComplianceValues>): void;
  errorFor(field: keyof ComplianceValues): string | undefined;
}

/** The campaign's compliance settings, the same in the New/Edit Campaign dialog and in a paused campaign's monitor. */
export function ComplianceFields({ values, onChange, errorFor }: Props) {
  return (
    <>
      <Checkbox
        label="Legal calling hours"
        description="No call outside 08:00–21:00 (or a state's stricter hours) in every time zone the contact may be in."
        checked={values.legalHoursGuard}
        onChange={(e) => onChange({ legalHoursGuard: e.currentTarget.checked })}
        error={errorFor('legalHoursGuard')}
      />
      {!values.legalHoursGuard && (
        <Alert color="orange" variant="light" title="Calls may be placed at any hour">
          {LEGAL_CAUTION}
        </Alert>
      )}
      {/* no clamping: a value out of range is sent as typed, so main's message shows next to the field */}
      <NumberInput
        label="Max attempts per number in 24 hours"
        placeholder="No campaign cap"
        description="Counted across all your campaigns; state limits apply too"
        min={1}
        clampBehavior="none"
        allowDecimal={false}
        value={values.rollingCapPer24h}
        onChange={(rollingCapPer24h) => onChange({ rollingCapPer24h })}
        error={errorFor('rollingCapPer24h')}
      />
    </>
  );
}

/** The section's settings in a line, for when it is folded. */
export function complianceSummary({ legalHoursGuard, rollingCapPer24h }: ComplianceValues): string {
  const cap = rollingCapPer24h === '' ? 'no campaign cap per number' : `at most ${rollingCapPer24h} attempts per number in 24 hours`;
  return `Legal calling hours ${legalHoursGuard ? 'on' : 'off'} · ${cap}`;
}
