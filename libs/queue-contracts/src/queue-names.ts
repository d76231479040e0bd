/**
 * Queue and job names are stored inside Redis with every job: changing a value strands the jobs
 * already queued under the old name. Add new names; never rename.
 */
export const QueueName = Object.freeze({
  TicketMaintenance: 'ticket-maintenance',
  TicketEvents: 'ticket-events',
  SlaTimers: 'sla-timers',
  Notifications: 'notifications',
} as const);
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = Object.freeze({
  CloseSettledResolutions: 'close-settled-resolutions',
  TicketEventCommitted: 'ticket-event-committed',
  SlaThresholdReached: 'sla-threshold-reached',
  DeliverNotification: 'deliver-notification',
} as const);
export type JobName = (typeof JobName)[keyof typeof JobName];
