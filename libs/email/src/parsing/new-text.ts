import EmailReplyParser from 'email-reply-parser';

/**
 * What the customer wrote now: the text above the quoted history, without the signature.
 * email-reply-parser knows the English (and several European) reply headers and signatures; the
 * lines below add what Chinese clients write (Outlook, Foxmail, QQ Mail, NetEase, Gmail in
 * Chinese), which it misses or only knows with a full-width colon.
 */
const QUOTE_HEADERS: RegExp[] = [
  /^\s*在.{1,200}(?:写道|寫道)\s*[:：]\s*$/, // 在 2026年12月1日 10:00，张三 <a@b.cn> 写道：
  /^.{1,200}于.{1,200}(?:写道|寫道)\s*[:：]\s*$/, // 张三 <a@b.cn> 于2026年12月1日周二 10:00写道：
  /^\s*On\s.{1,300}\swrote\s*:\s*$/, // On Tue, 1 Dec 2026 at 10:00, Zhang San <a@b.cn> wrote:
  /^\s*-{2,}\s*(?:原始邮件|原始郵件|回复的原邮件|转发的邮件|Original Message|Forwarded message)\s*-{2,}\s*$/i,
];
/** A forward carries what the customer chose to show: its history is the message, not a quote of ours. */
const FORWARD_HEADER = /^\s*-{2,}\s*(?:转发的邮件|轉寄的郵件|Forwarded message)\s*-{2,}\s*$/i;
/** A line of a quote that marks its lines ("> …"). */
const QUOTED_LINE = /^\s*>/;
/** The quote's first marked line comes within this many lines of its header (a header wrapped over two lines, a blank line). */
const QUOTE_HEADER_LINES = 3;
/** The rule Outlook draws above its From:/Sent: block (as ____ in text, as <hr> in HTML). */
const RULE = /^\s*[-_=]{5,}\s*$/;
const HEADER_BLOCK_START = /^\s*\**\s*(?:发件人|寄件者|寄件人|From)\s*\**\s*[:：]/i;
const HEADER_BLOCK_FIELD = /^\s*\**\s*(?:发送时间|發送時間|寄件日期|日期|时间|收件人|收件者|主题|主旨|抄送|Sent|Date|To|Cc|Subject)\s*\**\s*[:：]/i;
const SIGNATURE_STARTS: RegExp[] = [
  /^--\s?$/, // RFC 3676's "-- " and the common "--"
  /^\s*发自我的.{1,30}$/, // 发自我的iPhone, 发自我的华为手机
  /^\s*来自.{0,20}(?:邮箱|邮箱大师|客户端)\s*$/, // 来自网易邮箱大师
];
/**
 * email-reply-parser's expressions backtrack: measured here, 4,500 crafted characters take 0.2 s
 * and 18,000 take 6 s, and one 5,000-character line 0.3 s. So it reads only a text of reply size,
 * with long lines (never a quote header) stood in for by a placeholder; a longer text keeps just
 * the cuts made by the patterns above, which are linear.
 */
const MAX_PARSED_TEXT = 4_000;
const MAX_PARSED_LINE = 300;
/** History starts within this much text or is not looked for; no quote header is this long. */
const MAX_SCANNED_TEXT = 64_000;
const MAX_HEADER_LINE = 500;

export function newTextOf(fullText: string): string {
  return readNewText(fullText).newText;
}

/**
 * The new text, and whether the mail says nothing of its own (only quoted history, or only a
 * signature): such a mail still opens a ticket whole (a forwarded conversation says something),
 * but in a thread it adds nothing, and stored it would repeat our own message back.
 */
export function readNewText(fullText: string): { newText: string; quotedOnly: boolean } {
  const lines = fullText.split('\n');
  const start = historyStart(lines);
  const ownLines = withoutTrailingRules(lines.slice(0, start));
  const own = ownLines.join('\n').trim();
  const whole = fullText.trim();
  // What was forwarded is what the customer shows us, with or without a note above it ("the tracking number below does not work").
  if (start < lines.length && FORWARD_HEADER.test(lines[start])) return { newText: whole, quotedOnly: false };
  if (own === '' && start < lines.length) {
    const answers = answersBelowQuote(lines, start);
    if (answers !== '') return { newText: answers, quotedOnly: false };
  }
  const visible = own.length <= MAX_PARSED_TEXT ? visibleText(ownLines).trim() : own;
  return { newText: visible !== '' ? visible : own !== '' ? own : whole, quotedOnly: visible === '' && whole !== '' };
}

function visibleText(lines: string[]): string {
  const long: string[] = [];
  const shortened = lines.map((line) => (line.length > MAX_PARSED_LINE ? `\ue000${long.push(line) - 1}\ue001` : line));
  const visible = new EmailReplyParser().read(shortened.join('\n')).getVisibleText();
  return visible.replace(/\ue000(\d+)\ue001/g, (_, index: string) => long[Number(index)]);
}

function historyStart(lines: string[]): number {
  let scanned = 0;
  for (let i = 0; i < lines.length && scanned < MAX_SCANNED_TEXT; i++) {
    const line = lines[i];
    scanned += line.length + 1;
    if (line.length > MAX_HEADER_LINE) continue;
    if (isQuoteHeader(line)) return i;
    // Gmail and html-to-text wrap a long "… 于 … 写道：" header over two lines.
    const next = lines[i + 1];
    if (next !== undefined && line.trim() !== '' && next.length <= MAX_HEADER_LINE && !isQuoteHeader(next) && isQuoteHeader(`${line} ${next}`)) return i;
    if (i > 0 && SIGNATURE_STARTS.some((pattern) => pattern.test(line))) return i;
    if (HEADER_BLOCK_START.test(line) && startsHeaderBlock(lines, i)) return i;
  }
  return lines.length;
}

/**
 * A reply written below the quote, or between its parts: nothing above the "On … wrote:" header,
 * and the customer's lines among the quote's "> " lines. Only where the quote marks its lines, so
 * an unmarked quote (our own message) is never taken for theirs; up to a signature or a deeper,
 * unmarked history ("On … wrote:", Outlook's rule or From:/Sent: block). A footer a mail server
 * adds below the quote without a "-- " line reads as the customer's too: nothing tells it apart.
 */
function answersBelowQuote(lines: string[], start: number): string {
  let firstQuoted = -1;
  for (let i = start + 1; i <= start + QUOTE_HEADER_LINES && i < lines.length; i++) {
    if (QUOTED_LINE.test(lines[i])) {
      firstQuoted = i;
      break;
    }
  }
  if (firstQuoted === -1) return '';
  const own: string[] = [];
  let scanned = 0;
  for (let i = firstQuoted + 1; i < lines.length && scanned < MAX_SCANNED_TEXT; i++) {
    const line = lines[i];
    scanned += line.length + 1;
    if (QUOTED_LINE.test(line)) continue;
    if (SIGNATURE_STARTS.some((pattern) => pattern.test(line))) break;
    // A deeper history: another "On … wrote:", an Outlook rule, or a From:/Sent: block.
    if (line.length <= MAX_HEADER_LINE && (isQuoteHeader(line) || RULE.test(line) || (HEADER_BLOCK_START.test(line) && startsHeaderBlock(lines, i)))) break;
    own.push(line);
  }
  return own.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function isQuoteHeader(line: string): boolean {
  return QUOTE_HEADERS.some((pattern) => pattern.test(line));
}

function withoutTrailingRules(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (lines[end - 1].trim() === '' || RULE.test(lines[end - 1]))) end--;
  return lines.slice(0, end);
}

/** A quoted header block: From/发件人 followed closely by Sent/Date/To/Subject (or their Chinese names). */
function startsHeaderBlock(lines: string[], from: number): boolean {
  return lines.slice(from + 1, from + 5).some((line) => HEADER_BLOCK_FIELD.test(line));
}
