import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, mailTeamRoutes, type FirsthandConfig } from '@firsthand/config';
import { referencedTeam, type MailTeamRoute } from '@firsthand/domain';
import { ImapMailboxPoller, SmtpIntakeListener, type MailboxState, type TransportLog } from '@firsthand/email';
import { TeamStore } from '@firsthand/persistence';
import { smtpSource } from './mail-identities.js';
import { OAuth2RefreshTokenKeepers } from './oauth2-refresh-token-keepers.js';
import { TakeInboundMail } from './take-inbound-mail.js';

/**
 * Starts the ways mail comes in, as configured: the inbound SMTP listener (for an MX that delivers
 * to Firsthand) and one IMAP poller per mailbox. Both hand every mail to TakeInboundMail. With
 * several workers, each polls every mailbox (the intake is idempotent); run the SMTP listener in
 * one process per port.
 */
@Injectable()
export class MailIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailIntake.name);
  private readonly transportLog: TransportLog = { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m) };
  private listener: SmtpIntakeListener | null = null;
  private pollers: Array<{ name: string; poller: ImapMailboxPoller }> = [];
  private smtpPort: number | null = null;
  private routed!: () => void;
  /** Settled once every mailbox's and address's team is known to the intake (at once on a worker without the mail role). */
  readonly routesReady = new Promise<void>((resolve) => (this.routed = resolve));

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig, private readonly intake: TakeInboundMail, private readonly teams: TeamStore, private readonly refreshTokens: OAuth2RefreshTokenKeepers) {}

  /** What each mailbox's poller has done so far (for the worker's metrics). */
  mailboxStates(): Array<{ name: string; state: MailboxState }> {
    return this.pollers.map(({ name, poller }) => ({ name, state: poller.state() }));
  }

  /** The listener's port once started (0 in the settings picks a free one). */
  get inboundSmtpPort(): number | null {
    return this.smtpPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.start();
    } finally {
      this.routed();
    }
  }

  private async start(): Promise<void> {
    if (!this.config.worker.roles.has('mail')) return;
    const { mail } = this.config;
    if (mail.inboundSmtp) {
      this.listener = new SmtpIntakeListener(
        { host: mail.inboundSmtp.host, port: mail.inboundSmtp.port, maxBytes: mail.maxBytes, maxRecipients: mail.maxRecipients, acceptedDomains: mail.acceptedDomains },
        this.intake,
        this.transportLog,
      );
      this.smtpPort = (await this.listener.start()).port;
      // The launcher and the cross-process tests read this line to learn the port.
      console.log(`FIRSTHAND_INBOUND_SMTP_LISTENING port=${this.smtpPort}`);
      this.logger.log(`Inbound SMTP on ${mail.inboundSmtp.host}:${this.smtpPort} for ${mail.acceptedDomains.join(', ')}`);
    }
    if (mail.mailboxes.length === 0 && mail.addresses.length === 0) return;
    const teams = await this.teams.list();
    for (const route of mailTeamRoutes(mail)) {
      const team = referencedTeam(route.team, teams);
      if (team) this.intake.routeMailboxToTeam(route.setting === 'MAIL_ADDRESSES' ? smtpSource(route.entry) : `imap:${route.entry}`, team.id);
      else this.logger.warn(noSuchTeam(route));
    }
    this.routed();
    for (const mailbox of mail.mailboxes) {
      const poller = new ImapMailboxPoller(
        {
          name: mailbox.name,
          url: mailbox.url,
          ...(mailbox.oauth2 ? { oauth2: mailbox.oauth2, refreshTokens: this.refreshTokens.for(mailbox.oauth2, `imap:${mailbox.name}`) } : {}),
          takenFolder: mailbox.takenFolder,
          quarantineFolder: mailbox.quarantineFolder,
          pollEverySeconds: mailbox.pollEverySeconds,
          claimExpirySeconds: mailbox.claimExpirySeconds,
          concurrency: mailbox.concurrency,
          maxBytes: mail.maxBytes,
        },
        this.intake,
        this.transportLog,
      );
      await poller.start();
      this.pollers.push({ name: mailbox.name, poller });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.listener?.stop(), ...this.pollers.map(({ poller }) => poller.stop())]);
  }
}

/** Said at every start while it lasts: the mail still comes in, to a team nobody chose for it. */
function noSuchTeam({ setting, entry, team }: MailTeamRoute): string {
  const named = 'id' in team ? `the team with id ${team.id} ("teamId")` : `the team "${team.name}" by name ("team")`;
  const fix = 'id' in team ? "put the id of an existing team there" : "put the team's id there (\"teamId\", on the Teams page; it stays when the team is renamed) or its current name";
  return `${setting} entry ${entry} names ${named}, and there is no such team: its new tickets go to the default team. To send them to the right team, ${fix}, then restart the workers and the API, which read it at start.`;
}
