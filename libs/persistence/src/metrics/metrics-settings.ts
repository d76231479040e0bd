import { DEFAULT_BUSINESS_TIME_ZONE, DEFAULT_RESOLUTION_WINDOWS, type ResolutionWindows } from '@firsthand/domain';

/** What the metrics need from configuration: the windows that judge a resolution and the zone of its day. */
export interface MetricsSettings {
  windows: ResolutionWindows;
  timeZone: string;
}

let current: MetricsSettings = { windows: DEFAULT_RESOLUTION_WINDOWS, timeZone: DEFAULT_BUSINESS_TIME_ZONE };

/**
 * Set once at boot by every process that writes ticket events (the API's MetricsModule, the
 * worker), so TicketStore can record outcomes without knowing about configuration. Until then the
 * defaults apply, which are also the configuration's defaults.
 */
export function configureMetrics(settings: MetricsSettings): void {
  current = { windows: { ...settings.windows }, timeZone: settings.timeZone };
}

export function metricsSettings(): MetricsSettings {
  return current;
}
