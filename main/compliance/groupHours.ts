import type { DialingSettings } from '../../shared/campaigns/types';
import { checkHours, nextAllowedInstant, type HoursInput } from '../../shared/compliance/legalHours';
import { nextTimeInWindow, type CallWindow } from '../../shared/time/callWindow';
import { windowZones } from '../platform/phoneZones';

type HoursCampaign = Pick<DialingSettings, 'callWindowStart' | 'callWindowEnd' | 'callDays' | 'callWindowTimezone' | 'useContactTimezone' | 'legalHoursGuard'>;

export const windowOf = (campaign: HoursCampaign): CallWindow => ({ start: campaign.callWindowStart, end: campaign.callWindowEnd, days: campaign.callDays });

/**
 * The hours a zone group (the enrolments sharing a zone key) may be dialed in: the campaign's window where it
 * applies and, with the guard on, the federal legal hours in every zone the recipients may be in. Stricter state
 * rules are per contact, at claim time.
 */
export function groupHours(campaign: HoursCampaign, zoneKey: string | null): Omit<HoursInput, 'at'> {
  return {
    zones: zoneKey ? zoneKey.split('|') : [],
    states: [],
    fallbackZone: campaign.callWindowTimezone,
    guard: campaign.legalHoursGuard,
    campaignWindow: { window: windowOf(campaign), zones: windowZones(zoneKey, campaign) },
  };
}

/** The first instant from `from` on at which a zone group may be dialed (its groupHours); null: not within a year. */
export function groupOpensAt(campaign: HoursCampaign, zoneKey: string | null, from: number): number | null {
  return nextAllowedInstant(groupHours(campaign, zoneKey), from);
}

export interface GroupHold {
  /** The campaign's own window is closed (it is named first when both are), or legal calling hours are. */
  rule: 'call_window' | 'legal_hours';
  /** When every rule allows the group again (UTC ms); null: not within a year. */
  until: number | null;
  /** A zone the rule is closed in, to read `until` in. */
  timeZone: string;
}

/** Why a zone group's due contacts wait at `at`, or null when the hours let them be dialed. */
export function groupHold(campaign: HoursCampaign, zoneKey: string | null, at: number): GroupHold | null {
  const hours = groupHours(campaign, zoneKey);
  const all = checkHours({ ...hours, at });
  if (all.allowed) return null;
  const windowClosed = !checkHours({ ...hours, guard: false, at }).allowed;
  const zones = windowClosed ? hours.campaignWindow!.zones : hours.zones.length ? hours.zones : [hours.fallbackZone];
  return { rule: windowClosed ? 'call_window' : 'legal_hours', until: all.until, timeZone: zones[0] };
}

/**
 * Why a zone group whose hours allow no call within a year is never dialed: its zones' windows never overlap (a
 * 1-hour window on a number spanning three hours), or the window never meets legal hours there.
 */
export function whyNeverOpen(campaign: HoursCampaign, zoneKey: string | null, at: number): 'no_common_window' | 'no_legal_window' {
  return nextTimeInWindow(at, windowZones(zoneKey, campaign), windowOf(campaign)) === null ? 'no_common_window' : 'no_legal_window';
}

/** The skip reason of a zone group that is never dialed from `at` on, or null when its hours open within a year. */
export function neverOpenReason(campaign: HoursCampaign, zoneKey: string | null, at: number): 'no_common_window' | 'no_legal_window' | null {
  return groupOpensAt(campaign, zoneKey, at) === null ? whyNeverOpen(campaign, zoneKey, at) : null;
}
