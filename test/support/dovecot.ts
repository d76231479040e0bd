import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
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
  /** Stops Dovecot and starts it again on the same port with the same mail (connections drop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Dovecot IMAP server: throw-away config and maildir in its own folder, a free loopback
 * port, passwd-file auth, no SSL, its own base_dir so several run side by side. Stopped by its PID.
 * `capabilities` replaces what it announces after login (to play a server without IDLE or MOVE).
 */
export async function startDovecot(options: { capabilities?: string } = {}): Promise<TestDovecot> {
  const binary = ensureDovecot({ log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'firsthand-dovecot-'));
  // The login and auth processes run as Dovecot's unprivileged users and must reach the sockets.
  chmodSync(dir, 0o755);
  const port = await freePortForTest();
  const user = 'support';
  const password = 'dovecot-test-password';
  const config = writeConfig(dir, port, user, password, options.capabilities);
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

function writeConfig(dir: string, port: number, user: string, password: string, capabilities?: string): string {
  const me = userInfo();
  const root = me.uid === 0;
  // As root, Dovecot insists on its unprivileged system users; otherwise everything runs as us.
  const loginUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  // Dovecot refuses to keep mail as root, so as root the mail belongs to its own system user.
  const mailUid = root ? idOf('-u', internalUser) : me.uid;
  const mailGid = root ? idOf('-g', internalUser) : me.gid;
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  chmodSync(join(dir, 'run'), 0o755);
  const home = join(dir, 'home', user);
  mkdirSync(home, { recursive: true });
  chownSync(home, mailUid, mailGid);
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}\n`, { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `# Throw-away test server (test/support/dovecot.ts)
instance_name = firsthand-test-${port}
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${join(dir, 'dovecot.log')}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = ${mailUid}
first_valid_gid = ${mailGid}
mail_location = maildir:~/Maildir
mail_max_userip_connections = 200
${capabilities ? `imap_capability = ${capabilities}\n` : ''}namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${passwd}
}
userdb {
  driver = passwd-file
  args = ${passwd}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
`,
  );
  return config;
}

async function launch(binary: string, config: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
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

function terminate(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function idOf(flag: '-u' | '-g', name: string): number {
  const found = spawnSync('id', [flag, name], { encoding: 'utf8' });
  const id = Number(found.stdout.trim());
  if (found.status !== 0 || !Number.isInteger(id)) throw new Error(`no system user ${name} for Dovecot's mail`);
  return id;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
