export function startDemoOidc(options: { env: Record<string, string | undefined>; apiPort: number; port: number; host?: string }): Promise<{ issuer: string; banner: string; close(): Promise<void> }>;
