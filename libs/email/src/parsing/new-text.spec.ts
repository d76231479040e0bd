import { newTextOf, readNewText } from './new-text.js';
import { readMail } from './read-mail.js';
import { composeMail, inCharset, rawMail, roomyLimits } from './testing/fixture-mails.js';

describe('newTextOf: English replies', () => {
  it('drops an "On … wrote:" quote and the ">" lines below it', () => {
    const text = [
      'Thanks, that fixed it.',
      '',
      'On Tue, Dec 1, 2026 at 10:00 AM Firsthand Support <support@firsthand.local> wrote:',
      '> Please restart the printer.',
      '> Li Wei',
    ].join('\n');
    expect(newTextOf(text)).toBe('Thanks, that fixed it.');
  });

  it('drops a Gmail quote header wrapped over two lines', () => {
    const text = ['It still fails.', '', 'On Tue, Dec 1, 2026 at 10:00 AM Firsthand Support <support@firsthand.local>', 'wrote:', '> Try again.'].join('\n');
    expect(newTextOf(text)).toBe('It still fails.');
  });

  it('drops Outlook\'s "-----Original Message-----" and From:/Sent: blocks', () => {
    expect(newTextOf('See attached.\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday\nold text')).toBe('See attached.');
    const outlook = [
      'Here is the invoice number: 4711.',
      '',
      '________________________________',
      'From: Firsthand Support <support@firsthand.local>',
      'Sent: Tuesday, December 1, 2026 10:00 AM',
      'To: Sara Lopez <sara@example.com>',
      'Subject: [FH-AB123] Your invoice',
      '',
      'Which invoice is it?',
    ].join('\n');
    expect(newTextOf(outlook)).toBe('Here is the invoice number: 4711.');
  });

  it('drops signatures: "-- ", "Sent from my iPhone"', () => {
    expect(newTextOf('The login page is blank.\n\n-- \nSara Lopez\nACME Corp, +1 555 0100')).toBe('The login page is blank.');
    expect(newTextOf('Yes, please close it.\n\nSent from my iPhone')).toBe('Yes, please close it.');
  });

  it('keeps a mail with no history as it is', () => {
    const text = 'Hello,\n\nmy order 123 never arrived.\nCan you check?\n\nThanks';
    expect(newTextOf(text)).toBe(text);
  });
});

describe('newTextOf: Chinese clients', () => {
  it('drops a NetEase / QQ "在 … 写道：" quote, with a full-width or plain colon', () => {
    expect(newTextOf('问题已经解决了，谢谢！\n\n在 2026年12月1日 10:00，"Firsthand 客服" <support@firsthand.local> 写道：\n> 请重启打印机。')).toBe('问题已经解决了，谢谢！');
    expect(newTextOf('还是不行。\n在 2026-12-01 10:00:00，support@firsthand.local 写道:\n请重启打印机。')).toBe('还是不行。');
  });

  it('drops a Gmail-in-Chinese "… 于 … 写道：" quote', () => {
    expect(newTextOf('好的，明白了。\n\nFirsthand 客服 <support@firsthand.local> 于2026年12月1日周二 10:00写道：\n\n> 请提供订单号。')).toBe('好的，明白了。');
  });

  it('drops Foxmail / QQ Mail "原始邮件" blocks', () => {
    const qq = ['订单号是 A-20261201。', '', '', '------------------ 原始邮件 ------------------', '发件人: "Firsthand 客服"<support@firsthand.local>;', '发送时间: 2026年12月1日(星期二) 上午10:00', '收件人: "张三"<zhang@example.cn>;', '主题: [FH-AB123] 请提供订单号', '', '请提供订单号。'].join('\n');
    expect(newTextOf(qq)).toBe('订单号是 A-20261201。');
    expect(newTextOf('收到。\n-----原始邮件-----\n发件人：客服\n旧内容')).toBe('收到。');
  });

  it('drops an Outlook (Chinese) 发件人:/发送时间: header block without any rule above it', () => {
    const outlook = ['附件是截图。', '', '发件人: Firsthand 客服 <support@firsthand.local>', '发送时间: 2026年12月1日 10:00', '收件人: 张三 <zhang@example.cn>', '主题: 截图', '', '请发一张截图。'].join('\n');
    expect(newTextOf(outlook)).toBe('附件是截图。');
  });

  it('drops a Foxmail From:/Date: block and Chinese mobile signatures', () => {
    const foxmail = ['可以了。', '', 'zhang@example.cn', '', 'From: Firsthand 客服', 'Date: 2026-12-01 10:00', 'To: zhang@example.cn', 'Subject: 测试', '旧内容'].join('\n');
    expect(newTextOf(foxmail)).toBe('可以了。\n\nzhang@example.cn');
    expect(newTextOf('好的\n\n发自我的iPhone')).toBe('好的');
    expect(newTextOf('收到，谢谢\n--\n张三\n技术部')).toBe('收到，谢谢');
    expect(newTextOf('马上处理\n\n来自网易邮箱大师')).toBe('马上处理');
  });

  it('does not take an ordinary line that starts with "From:" for a quoted header block', () => {
    const text = 'From: my desk the printer shows error E5.\nIt started this morning.';
    expect(newTextOf(text)).toBe(text);
  });

  it('keeps the whole text when the mail is nothing but forwarded history', () => {
    const text = '-----原始邮件-----\n发件人：客服\n发送时间：今天\n旧内容';
    expect(newTextOf(text)).toBe(text);
  });
});

describe('readMail: new text and full text together', () => {
  it('keeps the quoted history in the full text for "show original"', async () => {
    const body = '已经按照您说的操作了，还是打不开。\n\n在 2026年12月1日 10:00，客服 <support@firsthand.local> 写道：\n> 请清除浏览器缓存后再试。\n';
    const mail = await readMail(rawMail('From: zhang@example.cn\nSubject: Re: 打不开\nContent-Type: text/plain; charset=gbk\n\n', inCharset(body, 'gbk')), roomyLimits);
    expect(mail.newText).toBe('已经按照您说的操作了，还是打不开。');
    expect(mail.fullText).toContain('> 请清除浏览器缓存后再试。');
    expect(mail.locale).toBe('zh-CN');
  });
});

describe('readMail: new text of HTML replies', () => {
  it('finds the history in Gmail (Chinese), QQ Mail and Outlook HTML replies', async () => {
    const gmail = await composeMail({
      from: 'zhang@example.cn',
      html: '<div dir="ltr">问题解决了，谢谢！</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Firsthand 客服支持团队 &lt;<a href="mailto:support@firsthand.local">support@firsthand.local</a>&gt; 于2026年12月1日周二 10:00写道：<br></div><blockquote class="gmail_quote">请重启打印机后再试一次，如果还是不行请告诉我们。</blockquote></div>',
    });
    const qq = await composeMail({
      from: 'zhang@example.cn',
      html: '<div>好的，已经收到了。</div><div><br></div><div>------------------&nbsp;原始邮件&nbsp;------------------</div><div style="background:#efefef"><div><b>发件人:</b>&nbsp;"Firsthand 客服"&lt;support@firsthand.local&gt;;</div><div><b>发送时间:</b>&nbsp;2026年12月1日(星期二) 上午10:00</div><div><b>收件人:</b>&nbsp;"张三"&lt;zhang@example.cn&gt;;</div><div><b>主题:</b>&nbsp;[FH-AB123] 请提供订单号</div></div><div>请提供订单号。</div>',
    });
    const outlook = await composeMail({
      from: 'sara@example.com',
      html: '<div>Here it is.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><font><b>From:</b> Firsthand Support &lt;support@firsthand.local&gt;<br><b>Sent:</b> Tuesday, December 1, 2026 10:00 AM<br><b>To:</b> Sara &lt;sara@example.com&gt;<br><b>Subject:</b> [FH-AB123] Your invoice</font></div><div>Which invoice?</div>',
    });
    const newTexts = await Promise.all([gmail, qq, outlook].map(async (raw) => (await readMail(raw, roomyLimits)).newText));
    expect(newTexts).toEqual(['问题解决了，谢谢！', '好的，已经收到了。', 'Here it is.']);
  });
});

describe('readNewText: a reply that says nothing of its own', () => {
  it('is quoted only when nothing stands above the history, whatever the quoting style', () => {
    expect(readNewText('On Tue, 1 Dec 2026 at 10:00, Support <s@x.test> wrote:\n> Your issue is resolved.')).toEqual({
      newText: 'On Tue, 1 Dec 2026 at 10:00, Support <s@x.test> wrote:\n> Your issue is resolved.',
      quotedOnly: true,
    });
    expect(readNewText('> Your issue is resolved.\n> Follow it here.').quotedOnly).toBe(true);
    expect(readNewText('\n\n在 2026年12月1日 10:00，客服 <s@x.test> 写道：\n> 您的问题已解决').quotedOnly).toBe(true);
  });

  it('reads an answer written below the quote, or between its parts, as the customer\'s', () => {
    const bottom = 'On Tue, 1 Dec 2026 at 10:00, Support <s@x.test> wrote:\n> Your issue is resolved.\n> Follow it here.\n\nIt is not: the printer still jams.\n\n-- \nSara';
    expect(readNewText(bottom)).toEqual({ newText: 'It is not: the printer still jams.', quotedOnly: false });
    const between = '在 2026年12月1日 10:00，客服 <s@x.test> 写道：\n> 请提供订单号。\n订单号是 12345。\n> 请提供照片。\n照片在附件里。';
    expect(readNewText(between)).toEqual({ newText: '订单号是 12345。\n照片在附件里。', quotedOnly: false });
    // Gmail's header wrapped over two lines is not an answer.
    const wrapped = 'On Tue, 1 Dec 2026 at 10:00, Firsthand Support Team\n<support@firsthand.local> wrote:\n\n> Resolved.\n\nThanks, but no.';
    expect(readNewText(wrapped)).toEqual({ newText: 'Thanks, but no.', quotedOnly: false });
  });

  it('keeps an unmarked quote and a deeper history out of the answer', () => {
    // Outlook's "Original Message" quotes without marks: below it is our message, not theirs.
    expect(readNewText('-----Original Message-----\nFrom: Support\nSent: today\nYour issue is resolved.').quotedOnly).toBe(true);
    const deeper = 'On Tue, 1 Dec 2026, Support <s@x.test> wrote:\n> Any news?\nYes, see below.\nOn Mon, 30 Nov 2026, Vendor <v@y.test> wrote:\nOld unmarked text.';
    expect(readNewText(deeper)).toEqual({ newText: 'Yes, see below.', quotedOnly: false });
    const outlookBelow = 'On Tue, 1 Dec 2026, Support <s@x.test> wrote:\n> Any news?\nYes, see below.\n________________________________\nFrom: Vendor <v@y.test>\nSent: Monday\nOld unmarked text.';
    expect(readNewText(outlookBelow)).toEqual({ newText: 'Yes, see below.', quotedOnly: false });
  });

  it('reads a forward as what the customer chose to show, not as a quote of ours', () => {
    const forward = '---------- Forwarded message ---------\nFrom: Shop <shop@y.test>\nDate: Mon, 30 Nov 2026\nSubject: Your invoice\n\nInvoice 42: 300 EUR';
    expect(readNewText(forward)).toEqual({ newText: forward, quotedOnly: false });
    // With a note above it the forward is still what matters (the number to look at is in it).
    const noted = `Hi support, the tracking number below does not work.\n\n${forward.replace('Invoice 42: 300 EUR', 'Tracking: ZX123456789CN')}`;
    expect(readNewText(noted)).toEqual({ newText: noted, quotedOnly: false });
    const zh = '您好，请看下面的快递单号。\n\n---------- 转发的邮件 ---------\n发件人：快递 <a@b.cn>\n单号：SF1234567';
    expect(readNewText(zh).newText).toContain('SF1234567');
  });

  it('is not quoted only when the customer wrote something, or when there is no text at all', () => {
    expect(readNewText('Still broken.\n\nOn Tue, 1 Dec 2026 at 10:00, Support <s@x.test> wrote:\n> Resolved.')).toEqual({ newText: 'Still broken.', quotedOnly: false });
    expect(readNewText('Just a plain mail.').quotedOnly).toBe(false);
    expect(readNewText('   ').quotedOnly).toBe(false);
  });
});
