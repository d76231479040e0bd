import { apiFetch } from '../api/http.js';

export interface ClientConfig {
  gatewayUrl: string;
}

let loading: Promise<ClientConfig> | null = null;

/** GET /api/client-config once per page: where the gateway is. */
export function clientConfig(): Promise<ClientConfig> {
  loading ??= apiFetch<ClientConfig>('/api/client-config').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
