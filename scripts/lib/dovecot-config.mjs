// The configuration of a private, throw-away Dovecot IMAP server, shared by the test suites
// (test/support/dovecot.ts) and the benchmarks (test/bench/lib/dovecot.mjs): its own base and state
// folders, a free loopback port, one passwd-file user, no SSL. Returns the config file's path.
// `oauth2IntrospectionUrl`: the user may also log in with an OAuth2 bearer token (XOAUTH2,
// OAUTHBEARER), which Dovecot checks by POSTing it to that URL (RFC 7662 token introspection).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export function writeDovecotConfig({ dir, port, user, password, capabilities, oauth2IntrospectionUrl, label = 'test' }) {
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
  chmodSync(join(dir, 'home'), 0o755);
  const home = join(dir, 'home', user);
  mkdirSync(home, { recursive: true });
  chownSync(home, mailUid, mailGid);
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}\n`, { mode: 0o644 });
  const config = join(dir, 'dovecot.conf');
  let oauth2Passdb = '';
  if (oauth2IntrospectionUrl) {
    const oauth2 = join(dir, 'oauth2.conf.ext');
    writeFileSync(
      oauth2,
      `introspection_mode = post\nintrospection_url = ${oauth2IntrospectionUrl}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n`,
      { mode: 0o644 },
    );
    oauth2Passdb = `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${oauth2}\n}\n`;
  }
  writeFileSync(
    config,
    `# Throw-away ${label} server (scripts/lib/dovecot-config.mjs)
instance_name = firsthand-${label}-${port}
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${join(dir, 'dovecot.log')}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2IntrospectionUrl ? ' xoauth2 oauthbearer' : ''}
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
${oauth2Passdb}passdb {
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

function idOf(flag, name) {
  const found = spawnSync('id', [flag, name], { encoding: 'utf8' });
  const id = Number(found.stdout.trim());
  if (found.status !== 0 || !Number.isInteger(id)) throw new Error(`no system user ${name} for Dovecot's mail`);
  return id;
}
