import type { ResolutionWindows } from '@firsthand/domain';

/** What the metrics need from configuration: the windows that judge a resolution and the zone of its day. */
export interface MetricsSettings {
  windows: ResolutionWindows;
  timeZone: string;
}

/** Injection token for the settings every process that writes ticket events records outcomes with. */
export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');
