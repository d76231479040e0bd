// Types for app-node-args.mjs.
export const APP_NODE_ARGS: Readonly<Record<'api' | 'gateway' | 'worker', readonly string[]>>;
