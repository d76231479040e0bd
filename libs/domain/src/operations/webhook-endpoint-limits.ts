export const WEBHOOK_ENDPOINT_LIMITS = {
  /** Active endpoints at most: every customer-visible event is sent to each of them. */
  active: 20,
  urlMaxLength: 2000,
  descriptionMaxLength: 200,
} as const;
