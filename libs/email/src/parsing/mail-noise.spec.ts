import { readMail } from './read-mail.js';
import { composeMail, rawMail, roomyLimits } from './testing/fixture-mails.js';

const person = 'From: Sara Lopez <sara@example.com>\nTo: support@firsthand.local\nSubject: Help\nMessage-ID: <m1@example.com>\n';

async function noiseWith(extraHeaders: string) {
  return (await readMail(rawMail(`${person}${extraHeaders}\nMy printer is broken.\n`), roomyLimits)).noise;
}

describe('readMail: noise (no ticket, no auto-reply)', () => {
  it('lets a mail a person wrote through', async () => {
    expect(await noiseWith('')).toBeNull();
    expect(await noiseWith('Auto-Submitted: no\n')).toBeNull();
    expect(await noiseWith('Auto-Submitted: No (a person wrote this)\n')).toBeNull();
    expect(await noiseWith('Precedence: first-class\n')).toBeNull();
  });

  it('stops Auto-Submitted mail of any kind but "no"', async () => {
    expect(await noiseWith('Auto-Submitted: auto-replied\n')).toEqual({ kind: 'auto_submitted', reason: 'Auto-Submitted: auto-replied' });
    expect(await noiseWith('Auto-Submitted: auto-generated; owner-email="x@example.com"\n')).toMatchObject({ kind: 'auto_submitted' });
    expect(await noiseWith('Auto-Submitted: auto-notified\n')).toMatchObject({ kind: 'auto_submitted' });
  });

  it('stops Precedence bulk, auto_reply, list and junk; list as a list', async () => {
    for (const precedence of ['bulk', 'auto_reply', 'junk', 'Bulk']) {
      expect(await noiseWith(`Precedence: ${precedence}\n`)).toEqual({ kind: 'precedence', reason: `Precedence: ${precedence.toLowerCase()}` });
    }
    expect(await noiseWith('Precedence: list\n')).toEqual({ kind: 'list', reason: 'Precedence: list' });
  });

  it("calls a list's mail a list whatever else it says (Google Groups and Mailman send Precedence: list or bulk with List-Id): it is never held", async () => {
    expect(await noiseWith('Precedence: bulk\nList-Id: <support.acme.example>\n')).toEqual({ kind: 'list', reason: 'List-Id' });
    expect(await noiseWith('Precedence: bulk\nList-Unsubscribe: <mailto:leave@news.example>\n')).toEqual({ kind: 'list', reason: 'List-Unsubscribe' });
    expect(await noiseWith('Auto-Submitted: auto-generated\nList-Id: <alerts.example>\n')).toMatchObject({ kind: 'list' });
  });

  it('stops mail that asks not to be answered automatically (X-Auto-Response-Suppress)', async () => {
    expect(await noiseWith('X-Auto-Response-Suppress: All\n')).toEqual({ kind: 'auto_response_suppress', reason: 'X-Auto-Response-Suppress: All' });
    expect(await noiseWith('X-Auto-Response-Suppress: OOF, AutoReply\n')).toMatchObject({ kind: 'auto_response_suppress' });
  });

  it('stops mailing lists and newsletters (List-Id, List-Unsubscribe)', async () => {
    expect(await noiseWith('List-Id: Printer users <printers.lists.example.com>\n')).toEqual({ kind: 'list', reason: 'List-Id' });
    expect(await noiseWith('List-Unsubscribe: <https://news.example.com/u/123>, <mailto:unsub@example.com>\n')).toEqual({ kind: 'list', reason: 'List-Unsubscribe' });
  });

  it('stops mail with a null return path, and read receipts', async () => {
    expect(await noiseWith('Return-Path: <>\n')).toMatchObject({ kind: 'auto_submitted' });
    const receipt = rawMail(`From: sara@example.com
Subject: Read: Help
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="R"

--R
Content-Type: text/plain

Your message was read.
--R
Content-Type: message/disposition-notification

Final-Recipient: rfc822; sara@example.com
Disposition: manual-action/MDN-sent-manually; displayed
--R--
`);
    const mail = await readMail(receipt, roomyLimits);
    expect(mail.noise).toEqual({ kind: 'auto_submitted', reason: 'multipart/report; report-type=disposition-notification' });
    expect(mail.bounce).toBeNull();
  });
});

describe('readMail: bounces', () => {
  it('reads an RFC 3464 delivery status notification: the bounced Message-ID from message/rfc822, and the status', async () => {
    const dsn = rawMail(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
To: notify@firsthand.local
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Message-ID: <20261201.dsn@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.com.
I'm sorry to have to inform you that your message could not be delivered.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com
Arrival-Date: Tue,  1 Dec 2026 10:00:00 +0800 (CST)

Final-Recipient: rfc822; nobody@example.com
Original-Recipient: rfc822;nobody@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected

--B1
Content-Type: message/rfc822

From: Firsthand <notify@firsthand.local>
To: nobody@example.com
Subject: [FH-AB123] We replied to your request
Message-ID: <fh.notification.42@firsthand.local>

Hello
--B1--
`);
    const mail = await readMail(dsn, roomyLimits);
    expect(mail.noise).toEqual({ kind: 'bounce', reason: 'multipart/report; report-type=delivery-status' });
    expect(mail.bounce).toEqual({ originalMessageId: 'fh.notification.42@firsthand.local', status: '5.1.1', recipients: ['nobody@example.com'] });
    expect(mail.messageId).toBe('20261201.dsn@mx.example.com');
  });

  it('reads an Exchange-style DSN whose original comes back as text/rfc822-headers', async () => {
    const dsn = rawMail(`From: Microsoft Outlook <postmaster@outlook.example>
To: notify@firsthand.local
Subject: Undeliverable: [FH-AB123] We replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status"; boundary="X"

--X
Content-Type: text/html; charset=utf-8

<p>Delivery has failed to these recipients or groups:</p>
--X
Content-Type: message/delivery-status

Reporting-MTA: dns;outlook.example

Final-Recipient: rfc822;gone@example.com
Action: failed
Status: 5.4.1

--X
Content-Type: text/rfc822-headers

From: Firsthand <notify@firsthand.local>
Subject: [FH-AB123] We replied
Message-ID:
 <fh.notification.43@firsthand.local>
--X--
`);
    const mail = await readMail(dsn, roomyLimits);
    expect(mail.noise?.kind).toBe('bounce');
    expect(mail.bounce).toEqual({ originalMessageId: 'fh.notification.43@firsthand.local', status: '5.4.1', recipients: ['gone@example.com'] });
  });

  it('reads a free-text bounce from a mailer daemon, quoting the original headers', async () => {
    const bounce = rawMail(`From: MAILER-DAEMON@mail.example.cn
To: notify@firsthand.local
Subject: failure notice

Hi. This is the qmail-send program at mail.example.cn.
I'm afraid I wasn't able to deliver your message to the following addresses.

<nobody@example.cn>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

From: Firsthand <notify@firsthand.local>
Message-ID: <fh.notification.44@firsthand.local>
Subject: [FH-AB123] 我们已回复
`);
    const mail = await readMail(bounce, roomyLimits);
    expect(mail.noise).toEqual({ kind: 'bounce', reason: 'sent by mailer-daemon@mail.example.cn' });
    expect(mail.bounce).toEqual({ originalMessageId: 'fh.notification.44@firsthand.local', status: null, recipients: [] });
  });

  it('knows a bounce whose original cannot be found', async () => {
    const raw = await composeMail({ from: 'postmaster@example.org', to: 'notify@firsthand.local', subject: 'Delivery failed', text: 'The message could not be delivered.' });
    const mail = await readMail(raw, roomyLimits);
    expect(mail.noise?.kind).toBe('bounce');
    expect(mail.bounce).toEqual({ originalMessageId: null, status: null, recipients: [] });
  });
});
