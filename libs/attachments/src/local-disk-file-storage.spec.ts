import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { LocalDiskFileStorage, UnknownStorageKey } from './local-disk-file-storage.js';

describe('LocalDiskFileStorage (real disk, a temporary directory)', () => {
  let root: string;
  let storage: LocalDiskFileStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'fh-files-'));
    storage = new LocalDiskFileStorage(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const bytes = Buffer.from('the receipt');
    const stored = await storage.put(bytes);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored.key).toBe(`sha256/${stored.sha256.slice(0, 2)}/${stored.sha256}`);
    expect(await storage.exists(stored.key)).toBe(true);
    expect(await text(storage.read(stored.key))).toBe('the receipt');
  });

  it('stores the same bytes once, and leaves no temporary files', async () => {
    const first = await storage.put(Buffer.from('same'));
    const second = await storage.put(Buffer.from('same'));
    expect(second).toEqual(first);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  // Small files are written with synchronous calls, larger ones through the thread pool: both ways alike.
  describe.each([
    ['a small file (written at once)', Buffer.from('first'), undefined],
    ['a file over 64 KiB (written through the thread pool)', Buffer.alloc(200 * 1024, 'large file '), undefined],
    ['a small file with writes at once turned off', Buffer.from('first'), 0],
  ])('%s', (_what, bytes, writtenAtOnceMaxBytes) => {
    it('makes its folders when they are missing (a fresh root, or removed while it runs), and reads back the same bytes', async () => {
      const fresh = new LocalDiskFileStorage(join(root, 'not', 'yet'), { writtenAtOnceMaxBytes });
      const first = await fresh.put(bytes);
      expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect((await buffer(fresh.read(first.key))).equals(bytes)).toBe(true);
      await rm(join(root, 'not', 'yet', 'tmp'), { recursive: true });
      await rm(join(root, 'not', 'yet', 'sha256'), { recursive: true });
      const again = await fresh.put(bytes);
      expect(again).toEqual(first);
      expect((await buffer(fresh.read(first.key))).equals(bytes)).toBe(true);
      expect(await readdir(join(root, 'not', 'yet', 'tmp'))).toEqual([]);
    });
  });

  it('deletes by key, and deleting twice is harmless', async () => {
    const { key } = await storage.put(Buffer.from('gone soon'));
    expect(await storage.delete(key)).toBe(true);
    expect(await storage.delete(key)).toBe(false);
    expect(await storage.exists(key)).toBe(false);
  });

  it('keeps bytes written since a given moment (someone stored them again after the caller checked), and deletes older ones', async () => {
    const old = await storage.put(Buffer.from('written long ago'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(storage.root, old.key), hourAgo, hourAgo);
    const fresh = await storage.put(Buffer.from('written just now'));
    const since = new Date(Date.now() - 60_000);
    expect(await storage.delete(fresh.key, { unlessWrittenSince: since })).toBe(false);
    expect(await text(storage.read(fresh.key))).toBe('written just now');
    expect(await storage.delete(old.key, { unlessWrittenSince: since })).toBe(true);
    expect(await storage.exists(old.key)).toBe(false);
    expect(await storage.delete(old.key, { unlessWrittenSince: since })).toBe(false);
    // Nothing is left aside in the temporary folder.
    expect((await readdir(join(storage.root, 'tmp'))).filter((name) => name.startsWith('deleting-'))).toEqual([]);
  });

  it('refuses keys it did not make, so no path leaves the root', () => {
    for (const key of ['../../etc/passwd', 'sha256/ab/../../x', `sha256/zz/${'a'.repeat(64)}`]) {
      expect(() => storage.read(key)).toThrow(UnknownStorageKey);
    }
  });
});
