import type { MailboxState } from '@firsthand/email';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Each IMAP mailbox's poller, as an operator alerts on it: whether it is connected, when it last
 * looked, how many connection attempts failed in a row (a revoked OAuth2 client, a changed
 * password), and what it took. Read from the pollers at each scrape.
 */
export function registerMailboxMetrics(registry: Registry, mailboxes: () => ReadonlyArray<{ name: string; state: MailboxState }>): void {
  new Gauge({
    name: 'firsthand_worker_mailbox_connected',
    help: 'Whether the poller is logged in with the mailbox open (1) or not (0)',
    labelNames: ['mailbox'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, state } of mailboxes()) this.set({ mailbox: name }, state.connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'firsthand_worker_mailbox_last_pass_timestamp_seconds',
    help: 'When the poller last finished a pass over the mailbox',
    labelNames: ['mailbox'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, state } of mailboxes()) if (state.lastPassAt !== null) this.set({ mailbox: name }, state.lastPassAt / 1000);
    },
  });
  new Gauge({
    name: 'firsthand_worker_mailbox_failures_in_a_row',
    help: 'Connection attempts that failed since the last one that worked',
    labelNames: ['mailbox'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, state } of mailboxes()) this.set({ mailbox: name }, state.failuresInARow);
    },
  });
  new Counter({
    name: 'firsthand_worker_mailbox_mails_total',
    help: 'Mails the poller settled (taken: recorded by the intake; refused: moved to quarantine) or left for a later pass (retried)',
    labelNames: ['mailbox', 'outcome'],
    registers: [registry],
    collect() {
      // The pollers keep the counts; the counter shows them as they are.
      this.reset();
      for (const { name, state } of mailboxes()) {
        this.inc({ mailbox: name, outcome: 'taken' }, state.taken);
        this.inc({ mailbox: name, outcome: 'refused' }, state.refused);
        this.inc({ mailbox: name, outcome: 'retried' }, state.retried);
      }
    },
  });
}
