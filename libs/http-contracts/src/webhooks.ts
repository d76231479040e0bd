/** A registered integration (`GET /api/webhook-endpoints`); removed ones stay listed, `active: false`. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  active: boolean;
  createdAt: string;
}

export interface WebhookEndpointList {
  items: WebhookEndpointView[];
}

/** `POST /api/webhook-endpoints`. */
export interface RegisterWebhookEndpointRequest {
  url: string;
  description?: string;
}

/** `POST /api/webhook-endpoints` → 201: the signing secret (`whsec_…`) is in this answer and never again. */
export interface RegisteredWebhookEndpoint {
  endpoint: WebhookEndpointView;
  secret: string;
}

/**
 * Why a URL was refused (the `reason` of the 400's `url` entry, with `values.host`): it is or
 * resolves to an address not on the public internet, its host does not resolve, or it is no URL.
 */
export type WebhookUrlRefusal = 'not-public-address' | 'unresolvable' | 'not-a-url';
