// A private Dovecot IMAP server for the benchmarks: the .mjs counterpart of test/support/dovecot.ts
// (the benches run without a TypeScript loader). Throw-away config and maildir in the bench's temp
// directory, a free loopback port, passwd-file auth, no SSL; stopped by its PID at cleanup.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ensureDovecot, freePort } from '../../../scripts/lib/services.mjs';
import { log, onCleanup, sleep } from './bench-kit.mjs';

const USER = 'support';
const PASSWORD = 'dovecot-bench-password';

/** Starts Dovecot in `dir`; answers { port, user, password, url(mailbox), version, pid }. */
export async function startDovecot(dir) {
  const binary = ensureDovecot({ log });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // the login and auth processes run as Dovecot's unprivileged users
  const port = await freePort();
  const config = writeConfig(dir, port);
  const child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  onCleanup('Dovecot', () => terminate(child));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    const said = () => `${output}${safeRead(join(dir, 'dovecot.log')).slice(-1500)}`;
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${said()}`);
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}: ${said()}`);
    await sleep(50);
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    port,
    pid: child.pid,
    user: USER,
    password: PASSWORD,
    version,
    url: (mailbox = 'INBOX') => `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
  };
}

function writeConfig(dir, port) {
  const me = userInfo();
  const root = me.uid === 0;
  // As root, Dovecot insists on its unprivileged system users and refuses to keep mail as root.
  const loginUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  const mailUid = root ? idOf('-u', internalUser) : me.uid;
  const mailGid = root ? idOf('-g', internalUser) : me.gid;
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  chmodSync(join(dir, 'run'), 0o755);
  chmodSync(join(dir, 'home'), 0o755);
  const home = join(dir, 'home', USER);
  mkdirSync(home, { recursive: true });
  chownSync(home, mailUid, mailGid);
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, `${USER}:{PLAIN}${PASSWORD}:${mailUid}:${mailGid}::${home}\n`, { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `# Throw-away bench server (test/bench/lib/dovecot.mjs)
instance_name = firsthand-bench-${port}
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
namespace inbox {
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

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function terminate(child) {
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

function idOf(flag, name) {
  const found = spawnSync('id', [flag, name], { encoding: 'utf8' });
  const id = Number(found.stdout.trim());
  if (found.status !== 0 || !Number.isInteger(id)) throw new Error(`no system user ${name} for Dovecot's mail`);
  return id;
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
