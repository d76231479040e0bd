import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStorage, StoredBytes } from './file-storage.js';

const KEY = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** A key from outside (a database row) is only ever one this storage made: no path can escape the root. */
export class UnknownStorageKey extends Error {
  constructor(key: string) {
    super(`Not a storage key: ${JSON.stringify(key.slice(0, 100))}`);
  }
}

/**
 * Files on local disk (`.data/attachments` by default, the Docker volume in production), named by
 * their SHA-256. Written to a temporary name and renamed, so a reader never sees half a file.
 */
export class LocalDiskFileStorage implements FileStorage {
  readonly root: string;

  constructor(root = '.data/attachments') {
    this.root = resolve(root);
  }

  async put(bytes: Buffer): Promise<StoredBytes> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
    const path = this.pathOf(key);
    const temporary = join(this.root, 'tmp', randomUUID());
    // The folders are made when a write finds them missing: on every put, two recursive mkdirs and a
    // cleanup after the rename were most of the file system calls of an inbound mail.
    await whereMissing(() => writeFile(temporary, bytes, { mode: 0o640 }), join(this.root, 'tmp'));
    try {
      await whereMissing(() => rename(temporary, path), join(this.root, 'sha256', sha256.slice(0, 2)));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, sha256 };
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async delete(key: string, { unlessWrittenSince }: { unlessWrittenSince?: Date } = {}): Promise<boolean> {
    const path = this.pathOf(key);
    if (!unlessWrittenSince) return unlinked(path);
    let seen;
    try {
      seen = await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    // Written since: left where it is, readers never miss it.
    if (seen.mtimeMs >= unlessWrittenSince.getTime()) return false;
    // Moved aside, then compared with what was judged: a put of the same bytes in between made a new
    // file (another inode), which goes back; only in that race is the name missing for a moment.
    const aside = join(this.root, 'tmp', `deleting-${randomUUID()}`);
    try {
      await whereMissing(() => rename(path, aside), join(this.root, 'tmp'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const moved = await stat(aside);
    if (moved.ino !== seen.ino || moved.mtimeMs >= unlessWrittenSince.getTime()) {
      await rename(aside, path);
      return false;
    }
    return unlinked(aside);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new UnknownStorageKey(key);
    return join(this.root, key);
  }
}

async function unlinked(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Runs a write; if it failed because `folder` is missing, makes the folder and runs it once more. */
async function whereMissing(write: () => Promise<void>, folder: string): Promise<void> {
  try {
    await write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    await write();
  }
}
