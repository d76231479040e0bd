// Types for dovecot-config.mjs.
export function writeDovecotConfig(options: { dir: string; port: number; user: string; password: string; capabilities?: string; oauth2IntrospectionUrl?: string; label?: string }): string;
