import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStorage, StoredBytes } from './file-storage.js';

const KEY = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * By default files up to 64 KiB are written with synchronous calls. Each asynchronous call is a
 * trip through libuv's thread pool (a futex to wake a pool thread, an eventfd back), four a file;
 * for a small file (an inbound mail's original: a few KiB) on a local disk the trips cost more than
 * the writes, which go to the page cache: 141-326 µs of CPU a file against 264-446 µs (3,000 files
 * of 1.5 KiB, alternating, 2026-12-06). The event loop waits those few hundred microseconds; a
 * larger file goes through the pool so that an upload does not hold it. On a network file system a
 * write can take milliseconds: FIRSTHAND_ATTACHMENTS_WRITTEN_AT_ONCE_MAX_BYTES=0 sends every file
 * through the pool.
 */
const WRITTEN_AT_ONCE_MAX_BYTES = 64 * 1024;

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
  private readonly writtenAtOnceMaxBytes: number;

  constructor(root = '.data/attachments', { writtenAtOnceMaxBytes = WRITTEN_AT_ONCE_MAX_BYTES }: { writtenAtOnceMaxBytes?: number } = {}) {
    this.root = resolve(root);
    this.writtenAtOnceMaxBytes = writtenAtOnceMaxBytes;
  }

  async put(bytes: Buffer): Promise<StoredBytes> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
    const path = this.pathOf(key);
    const temporary = join(this.root, 'tmp', randomUUID());
    const folder = join(this.root, 'sha256', sha256.slice(0, 2));
    // The folders are made when a write finds them missing: on every put, two recursive mkdirs and a
    // cleanup after the rename were most of the file system calls of an inbound mail.
    if (bytes.length <= this.writtenAtOnceMaxBytes) {
      whereMissingAtOnce(() => writeFileSync(temporary, bytes, { mode: 0o640 }), join(this.root, 'tmp'));
      try {
        whereMissingAtOnce(() => renameSync(temporary, path), folder);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      return { key, sha256 };
    }
    await whereMissing(() => writeFile(temporary, bytes, { mode: 0o640 }), join(this.root, 'tmp'));
    try {
      await whereMissing(() => rename(temporary, path), folder);
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

/** whereMissing with synchronous calls, for the small files written at once. */
function whereMissingAtOnce(write: () => void, folder: string): void {
  try {
    write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(folder, { recursive: true });
    write();
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
