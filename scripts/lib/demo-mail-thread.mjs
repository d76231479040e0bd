// The demo email thread `npm start` sends into the inbound SMTP listener: a Chinese customer's new
// issue written the way many Chinese mail clients still write it (GB2312 text, encoded-word
// headers, a screenshot attached), then their follow-up on the same thread. The Message-IDs are
// fixed, so the intake (idempotent on Message-ID) keeps one copy however often npm start runs.
import { randomBytes } from 'node:crypto';
import { pngImage } from './png.mjs';
import { sendToInbound } from './customer-mail.mjs';

export const DEMO_CUSTOMER = { name: '刘洋', address: 'liu.yang@customer.example' };
export const DEMO_MESSAGE_IDS = ['<demo-1@customer.example>', '<demo-2@customer.example>'];

const SUBJECT = '路由器每天晚上断线，附截图';

/** The two mails as raw MIME with their SMTP envelopes, oldest first. */
export function demoMailThread({ supportAddress, now = new Date() }) {
  const [first, followUp] = DEMO_MESSAGE_IDS;
  const sent = (minutesAgo) => new Date(now.getTime() - minutesAgo * 60_000).toUTCString().replace('GMT', '+0000');
  const envelope = { from: DEMO_CUSTOMER.address, to: [supportAddress] };
  return [
    {
      envelope,
      raw: mime({
        supportAddress,
        date: sent(30),
        messageId: first,
        subject: SUBJECT,
        text: '您好，\n\n我家的路由器（型号 FH-R300）这周每天晚上八点左右就断线，指示灯变红，重启后半小时又断。\n附件是断线时管理页面的截图。\n\n麻烦尽快帮忙看看，谢谢！\n\n刘洋\n138 0013 8000\n',
        attachment: { filename: '断线截图.png', contentType: 'image/png', content: routerScreenshot() },
      }),
    },
    {
      envelope,
      raw: mime({
        supportAddress,
        date: sent(5),
        messageId: followUp,
        inReplyTo: first,
        references: [first],
        subject: `Re: ${SUBJECT}`,
        text: '补充一下：昨晚换了一根新网线，还是一样断线。今天早上九点又断了一次。\n\n刘洋\n\n> 您好，\n> 我家的路由器（型号 FH-R300）这周每天晚上八点左右就断线，指示灯变红，重启后半小时又断。\n',
      }),
    },
  ];
}

/**
 * Sends the demo thread, one mail after the other. Never throws: npm start only warns when the
 * listener is missing or refuses (the rest of the system works without the demo mail).
 */
export async function sendDemoMailThread({ port, host = '127.0.0.1', supportAddress, warn = console.warn, pauseMs = 1_000 }) {
  const answers = [];
  for (const [i, mail] of demoMailThread({ supportAddress }).entries()) {
    // The follow-up threads on the first mail's Message-ID, which the intake must have taken first.
    if (i > 0) await new Promise((r) => setTimeout(r, pauseMs));
    const answer = await sendToInbound({ host, port }, mail).catch((error) => ({ accepted: false, response: error?.message ?? String(error) }));
    answers.push(answer);
    if (!answer.accepted) {
      warn(`Demo email ${DEMO_MESSAGE_IDS[i]} was not delivered to smtp://${host}:${port}: ${answer.response}`);
      break;
    }
  }
  return answers;
}

function mime({ supportAddress, date, messageId, inReplyTo, references, subject, text, attachment }) {
  const boundary = `----=_demo_${randomBytes(6).toString('hex')}`;
  const headers = [
    `From: ${encodedWord(DEMO_CUSTOMER.name)} <${DEMO_CUSTOMER.address}>`,
    `To: ${supportAddress}`,
    `Subject: ${subject.startsWith('Re: ') ? `Re: ${encodedWord(subject.slice(4))}` : encodedWord(subject)}`,
    `Date: ${date}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`] : []),
    ...(references ? [`References: ${references.join(' ')}`] : []),
    'MIME-Version: 1.0',
    'X-Mailer: Firsthand demo (written like Foxmail)',
  ];
  const textPart = ['Content-Type: text/plain; charset="GB2312"', 'Content-Transfer-Encoding: base64', '', base64Lines(gb2312(text.replace(/\n/g, '\r\n')))];
  if (!attachment) return [...headers, ...textPart].join('\r\n') + '\r\n';
  const name = encodedWord(attachment.filename);
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    '',
    `--${boundary}`,
    ...textPart,
    `--${boundary}`,
    `Content-Type: ${attachment.contentType}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment.content),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const encodedWord = (text) => `=?GB2312?B?${gb2312(text).toString('base64')}?=`;
const base64Lines = (bytes) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n').replace(/\r\n$/, '');

let gbTable = null;
/**
 * Text as GB2312 bytes. Node decodes GBK but cannot encode it, so the table is built once by
 * decoding every two-byte GB2312 code (rows and cells 0xA1-0xFE).
 */
export function gb2312(text) {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb2312');
    for (let row = 0xa1; row <= 0xf7; row++) {
      for (let cell = 0xa1; cell <= 0xfe; cell++) {
        const char = decoder.decode(Uint8Array.of(row, cell));
        if (char.length === 1 && char !== '\ufffd' && !gbTable.has(char)) gbTable.set(char, [row, cell]);
      }
    }
  }
  const bytes = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else if (gbTable.has(char)) bytes.push(...gbTable.get(char));
    else throw new Error(`"${char}" has no GB2312 code`);
  }
  return Buffer.from(bytes);
}

/** A small, real PNG: a router's status page with the WAN line down. */
export function routerScreenshot() {
  const [width, height] = [240, 150];
  return pngImage(width, height, (x, y) => {
    if (y < 22) return [31, 111, 235]; // title bar
    if (x >= 16 && x < 224 && y >= 40 && y < 64) return x < 40 ? [207, 34, 46] : [255, 235, 233]; // "WAN: offline", red
    if (x >= 16 && x < 224 && y >= 76 && y < 100) return x < 40 ? [26, 127, 55] : [218, 251, 225]; // "Wi-Fi: on", green
    if (x >= 16 && x < 160 && (y === 116 || y === 126 || y === 136)) return [200, 205, 212]; // text lines
    return [255, 255, 255];
  });
}
