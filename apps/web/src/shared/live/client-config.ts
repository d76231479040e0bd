import type { AttachmentLimitsView } from '@firsthand/http-contracts';
import { apiFetch } from '../api/http.js';

export interface ClientConfig {
  gatewayUrl: string;
  /** Single sign-on (issue 15): the provider's name for the button, and where the sign-in starts. */
  sso?: { providerName: string; startPath: string } | null;
  /** False when passwords sign in only the break-glass admin. */
  passwordLogin?: boolean;
  /** What a message may carry, checked before sending (the API checks again). */
  attachments?: AttachmentLimitsView;
}

let loading: Promise<ClientConfig> | null = null;

/** GET /api/client-config once per page: where the gateway is, and the attachment limits. */
export function clientConfig(): Promise<ClientConfig> {
  loading ??= apiFetch<ClientConfig>('/api/client-config').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
