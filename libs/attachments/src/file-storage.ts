import type { Readable } from 'node:stream';

/** Where attachment bytes live, outside PostgreSQL; the database keeps the key and the SHA-256. */
export interface FileStorage {
  /** Stores the bytes under a key derived from their SHA-256: the same bytes twice are stored once. */
  put(bytes: Buffer): Promise<StoredBytes>;
  read(key: string): Readable;
  /**
   * Removes the bytes; false when they were not there, or when `unlessWrittenSince` is given and
   * they were written since (another upload or mail stored the same bytes after its caller checked
   * that no row needs them: that row may still be committing).
   */
  delete(key: string, options?: { unlessWrittenSince?: Date }): Promise<boolean>;
  exists(key: string): Promise<boolean>;
}

export interface StoredBytes {
  key: string;
  sha256: string;
}

/** Injection token for the process's one FileStorage. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');
