import { withFilesLeftOut } from './files-left-out.js';

describe('withFilesLeftOut', () => {
  it('names the files that did not fit, where they are, in the text and the HTML (escaped), in the message language', () => {
    const body = { text: 'Li Wei replied.', html: '<html><body><p>Li Wei replied.</p></body></html>' };
    const en = withFilesLeftOut(body, ['photo-b.png', '<x>.pdf'], 'en');
    expect(en.text).toBe('Li Wei replied.\n\nToo large to attach to this email, on your tracking page: photo-b.png, <x>.pdf.');
    expect(en.html).toBe('<html><body><p>Li Wei replied.</p><p>Too large to attach to this email, on your tracking page: photo-b.png, &lt;x&gt;.pdf.</p></body></html>');
    expect(withFilesLeftOut({ text: 't', html: null }, ['a.png'], 'zh-CN').text).toBe('t\n\n以下附件过大，未随本邮件发送，请在进度页面查看：a.png。');
  });

  it("takes a file name's $ sequences as text, not as replacement patterns", () => {
    const html = withFilesLeftOut({ text: 't', html: '<html><body><p>t</p></body></html>' }, ["notes$`.pdf", "a$'.pdf", 'b$&.pdf'], 'en').html;
    expect(html).toBe("<html><body><p>t</p><p>Too large to attach to this email, on your tracking page: notes$`.pdf, a$&#39;.pdf, b$&amp;.pdf.</p></body></html>");
  });

  it('leaves a message whose files all fit as it is', () => {
    const body = { text: 't', html: '<p>t</p>' };
    expect(withFilesLeftOut(body, [], 'en')).toBe(body);
  });
});
