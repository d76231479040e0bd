import type { FcrGroup } from '@firsthand/http-contracts';

const COLUMNS: Array<[string, (g: FcrGroup) => string | number | null]> = [
  ['group', (g) => g.key],
  ['name', (g) => g.name],
  ['resolved', (g) => g.resolved],
  ['first_responder_resolved', (g) => g.firstResponderResolved],
  ['first_contact_resolved', (g) => g.firstContactResolved],
  ['first_responder_resolution_rate', (g) => g.firstResponderResolutionRate],
  ['first_contact_resolution_rate', (g) => g.firstContactResolutionRate],
  ['provisional', (g) => g.provisional],
  ['reopened', (g) => g.reopened],
  ['repeat_contacts', (g) => g.repeatContacts],
  ['handoffs', (g) => g.handoffs],
  ['escalated_past_warning', (g) => g.escalatedPastWarning],
  ['first_response_breaches', (g) => g.slaBreaches.firstResponse],
  ['resolution_breaches', (g) => g.slaBreaches.resolution],
  ['sla_breached', (g) => g.slaBreaches.any],
  ['first_response_sla_attainment', (g) => g.slaAttainment.firstResponse],
  ['resolution_sla_attainment', (g) => g.slaAttainment.resolution],
  ['sla_attainment', (g) => g.slaAttainment.overall],
  ['csat_average', (g) => g.csatAverage],
  ['csat_count', (g) => g.csatCount],
  ['first_response_p50_seconds', (g) => g.firstResponseSeconds.p50],
  ['first_response_p90_seconds', (g) => g.firstResponseSeconds.p90],
  ['resolution_p50_seconds', (g) => g.resolutionSeconds.p50],
  ['resolution_p90_seconds', (g) => g.resolutionSeconds.p90],
  ['first_response_business_p50_seconds', (g) => g.firstResponseBusinessSeconds.p50],
  ['first_response_business_p90_seconds', (g) => g.firstResponseBusinessSeconds.p90],
  ['resolution_business_p50_seconds', (g) => g.resolutionBusinessSeconds.p50],
  ['resolution_business_p90_seconds', (g) => g.resolutionBusinessSeconds.p90],
];

/**
 * RFC 4180 fields. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a
 * leading apostrophe (OWASP CSV injection); numbers are written as they are.
 */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One header line and one line per group, CRLF-terminated; empty rates and percentiles are empty fields. */
export function fcrCsv(groups: readonly FcrGroup[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(','), ...groups.map((g) => COLUMNS.map(([, value]) => field(value(g))).join(','))];
  return lines.join('\r\n') + '\r\n';
}
