import type { SupervisorServerEvents } from '@firsthand/realtime-contracts';
import type { LiveMetricsView } from '../shared/api/types.js';

/**
 * What /supervisors sends the dashboard: the shared map, plus `metrics.changed` from the metrics
 * issue; once that is in the contracts lib, this extension can go.
 */
export interface SupervisorDashboardEvents extends SupervisorServerEvents {
  'metrics.changed': (metrics: LiveMetricsView) => void;
}

/** Event types that move the live figures (resolutions, reopens, claims, breaches ...). */
export const ESCALATION_TYPES = new Set(['escalation_requested', 'sla_escalated', 'sla_warning']);
