/** Files customers and agents attach: where the bytes live, what they really are, what may be shown inline. */
export * from './file-storage.js';
export * from './local-disk-file-storage.js';
export * from './file-sniffing.js';
