/** Event types that move the live figures (resolutions, reopens, claims, breaches ...). */
export const ESCALATION_TYPES = new Set(['escalation_requested', 'sla_escalated', 'sla_warning']);
