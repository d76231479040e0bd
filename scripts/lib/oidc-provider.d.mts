export interface LocalOidcAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  groups?: string[];
}

export interface LocalOidcProvider {
  issuer: string;
  signingKey: Record<string, unknown> & { kid: string };
  rewriteTokenAnswer(rewrite: ((answer: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>) | null): void;
  close(): Promise<void>;
}

export function startOidcProvider(options: {
  port?: number;
  host?: string;
  client: { clientId: string; clientSecret: string; redirectUris: string[] };
  accounts: Record<string, LocalOidcAccount>;
  idTokenTtlSeconds?: number;
}): Promise<LocalOidcProvider>;
