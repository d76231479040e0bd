import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { writeDovecotConfig } from '../../scripts/lib/dovecot-config.mjs';
import { ensureDovecot } from '../../scripts/lib/services.mjs';
import { freePortForTest } from './free-port.js';

export interface StoredMail {
  uid: number;
  flags: string[];
  raw: Buffer;
}

export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@host:port/<mailbox> */
  url(mailbox?: string): string;
  /** APPENDs a raw mail (creating the mailbox when missing). */
  append(mailbox: string, raw: Buffer): Promise<void>;
  /** The mails in a mailbox (empty when it does not exist), in UID order. */
  list(mailbox: string): Promise<StoredMail[]>;
  /** Stops Dovecot with its IMAP sessions and starts it again on the same port with the same mail: every connection drops. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Dovecot IMAP server: throw-away config and maildir in its own folder, a free loopback
 * port, passwd-file auth, no SSL, its own base_dir so several run side by side. Stopped by its PID.
 * `capabilities` replaces what it announces after login (to play a server without IDLE or MOVE);
 * `oauth2IntrospectionUrl` lets the user log in with OAuth2 bearer tokens that URL vouches for.
 */
export async function startDovecot(options: { capabilities?: string; oauth2IntrospectionUrl?: string } = {}): Promise<TestDovecot> {
  const binary = ensureDovecot({ log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-dovecot-'));
  // The login and auth processes run as Dovecot's unprivileged users and must reach the sockets.
  chmodSync(dir, 0o755);
  const port = await freePortForTest();
  const user = 'support';
  const password = 'dovecot-test-password';
  const config = writeDovecotConfig({ dir, port, user, password, capabilities: options.capabilities, oauth2IntrospectionUrl: options.oauth2IntrospectionUrl });
  let child = await launch(binary, config, dir, port);

  const client = async (): Promise<ImapFlow> => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    await imap.connect();
    return imap;
  };
  const withClient = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = await client();
    try {
      return await work(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: (mailbox = 'INBOX') => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    append: (mailbox, raw) =>
      withClient(async (imap) => {
        if (mailbox.toUpperCase() !== 'INBOX') await imap.mailboxCreate(mailbox).catch(() => undefined);
        const done = await imap.append(mailbox, raw);
        if (!done) throw new Error(`APPEND to ${mailbox} failed`);
      }),
    list: (mailbox) =>
      withClient(async (imap) => {
        const folders = await imap.list();
        if (!folders.some((f) => f.path === mailbox)) return [];
        const opened = await imap.mailboxOpen(mailbox, { readOnly: true });
        if (opened.exists === 0) return [];
        const mails = await imap.fetchAll('1:*', { uid: true, flags: true, source: true });
        return mails
          .map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])], raw: m.source ?? Buffer.alloc(0) }))
          .sort((a, b) => a.uid - b.uid);
      }),
    async restart() {
      await terminate(child);
      child = await launch(binary, config, dir, port);
    },
    async stop() {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(binary: string, config: string, dir: string, port: number): Promise<ChildProcess> {
  // Its own process group: the IMAP sessions it forks outlive the master unless the group is signalled.
  const child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    const log = () => `${output}${safeRead(join(dir, 'dovecot.log')).slice(-1500)}`;
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    if (Date.now() > deadline) {
      await terminate(child);
      throw new Error(`dovecot did not listen on ${port}: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops the master and every process of its group (the IMAP sessions it forked, whose connections then drop). */
function terminate(child: ChildProcess): Promise<void> {
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      group('SIGKILL');
      return resolve();
    }
    const kill = setTimeout(() => group('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      // A session still finishing its last command would answer after the restart: end it too.
      group('SIGKILL');
      resolve();
    });
    group('SIGTERM');
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
