import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import yazl from 'yazl';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, exportExpiresAt } from '@firsthand/domain';
import { CustomerDataReader, CustomerExports, type CustomerDataSet, type CustomerExportRecord } from '@firsthand/persistence';

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
/** A name safe inside a zip on every system: no folders, no control characters. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 120) || 'file';

/**
 * Writes one export: a zip of what is held about the customer (docs/data-rights.md), to a temporary
 * name and renamed, so the API never serves half an archive. Running it twice writes it again.
 */
@Injectable()
export class WriteCustomerExport {
  constructor(
    private readonly reader: CustomerDataReader,
    private readonly exports: CustomerExports,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async run(request: CustomerExportRecord): Promise<void> {
    const dir = resolve(this.config.dataRights.exportsDir);
    await mkdir(dir, { recursive: true });
    const fileName = `${request.id}.zip`;
    const temporary = join(dir, `${request.id}.partial`);
    try {
      const data = await this.reader.dataSet(request.customerId);
      if (!data) throw new Error('The customer is gone');
      const zip = new yazl.ZipFile();
      const written = pipeline(zip.outputStream, createWriteStream(temporary, { mode: 0o600 }));
      const files = await this.addContents(zip, data, request);
      zip.addBuffer(json(files), 'manifest.json');
      zip.end();
      await written;
      await rename(temporary, join(dir, fileName));
    } finally {
      await rm(temporary, { force: true });
    }
    const now = this.clock.now();
    const { size } = await stat(join(dir, fileName));
    const stillWanted = await this.exports.markReady(request.id, fileName, size, now, exportExpiresAt(now, this.config.dataRights.exportKeepHours));
    // Erased (or taken over) while it was written: this archive must not stay.
    if (!stillWanted) await rm(join(dir, fileName), { force: true });
  }

  private async addContents(zip: yazl.ZipFile, data: CustomerDataSet, request: CustomerExportRecord): Promise<string[]> {
    const files: string[] = [];
    const add = (bytes: Buffer, path: string) => {
      zip.addBuffer(bytes, path);
      files.push(path);
    };
    add(Buffer.from(readme(data, request, this.clock.now())), 'README.txt');
    add(json({ ...data.customer, mergedRecords: data.mergedRecords }), 'customer.json');
    for (const ticket of data.tickets) {
      const attachments = [];
      for (const file of ticket.attachments) {
        const path = `attachments/${ticket.code}/${file.id}-${safeName(file.filename)}`;
        if (await this.storage.exists(file.storageKey)) {
          const key = file.storageKey;
          zip.addReadStreamLazy(path, (done) => done(null, this.storage.read(key)));
          files.push(path);
        }
        const { storageKey: _key, ...described } = file;
        attachments.push({ ...described, path });
      }
      const mails = [];
      for (const mail of ticket.mails) mails.push(await this.addMail(zip, files, mail, `mails/${ticket.code}`));
      add(json({ ...ticket.facts, messages: ticket.messages, attachments, mails }), `tickets/${ticket.code}.json`);
    }
    const unticketed = [];
    for (const mail of data.unticketedMails) unticketed.push(await this.addMail(zip, files, mail, 'mails/not-ticketed'));
    add(json(unticketed), 'mails-not-ticketed.json');
    add(json(data.notifications), 'notifications.json');
    add(json(data.ratings), 'ratings.json');
    return files;
  }

  /** The mail described, its original (when still stored) added under `folder`. */
  private async addMail<M extends { id: string; originalKey: string | null }>(zip: yazl.ZipFile, files: string[], mail: M, folder: string) {
    const path = mail.originalKey ? `${folder}/${mail.id}.eml` : null;
    if (path && mail.originalKey && (await this.storage.exists(mail.originalKey))) {
      const key = mail.originalKey;
      zip.addReadStreamLazy(path, (done) => done(null, this.storage.read(key)));
      files.push(path);
    }
    const { originalKey: _key, ...described } = mail;
    return { ...described, original: path };
  }
}

function readme(data: CustomerDataSet, request: CustomerExportRecord, now: Date): string {
  const files = data.tickets.reduce((n, t) => n + t.attachments.length, 0);
  const mails = data.tickets.reduce((n, t) => n + t.mails.length, 0) + data.unticketedMails.length;
  return [
    `Everything Firsthand holds about customer ${String(data.customer.name)} (${String(data.customer.id)}).`,
    `Export ${request.id}, asked for ${request.requestedAt.toISOString()}, written ${now.toISOString()}.`,
    '',
    'customer.json        the record (and records merged into it)',
    `tickets/<code>.json  ${data.tickets.length} ticket(s): facts, the messages the customer sent and was sent, files and mails`,
    `attachments/         ${files} file(s) the customer sent or was sent`,
    `mails/               ${mails} mail(s) as received (.eml); mails/not-ticketed/ those that made no ticket (held back, ignored, quarantined)`,
    `mails-not-ticketed.json  ${data.unticketedMails.length} mail(s) from the customer's addresses that made no ticket, and why`,
    `notifications.json   ${data.notifications.length} notification(s) sent to the customer`,
    `ratings.json         ${data.ratings.length} satisfaction rating(s)`,
    'manifest.json        every file in this archive',
    '',
    "Not included: the support team's internal notes and internal files (their own working notes about the",
    'tickets, never sent to the customer), and timeline events about staff (claims, handoffs, SLA warnings).',
    '',
  ].join('\n');
}
