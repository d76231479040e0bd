export * from './derived-keys.js';
export * from './access-token-codec.js';
export * from './tracking-token-codec.js';
export * from './secret-box.js';
export * from './tracking-link-slot.js';
export * from './second-factor-codes.js';
