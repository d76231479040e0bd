import { smtpRefusal } from './smtp-intake.listener.js';

describe('the SMTP reply for a refused mail', () => {
  it("gives a refusal the reader of the sender's bounce can act on its own status code", () => {
    expect(smtpRefusal('too_many_parts')).toEqual({ code: 552, text: '5.3.4 Message has too many parts' });
    expect(smtpRefusal('too_many_recipients')).toEqual({ code: 550, text: '5.5.3 Too many recipients' });
    expect(smtpRefusal('unknown_charset').text).toMatch(/^5\.6\.0 /);
  });

  it('keeps any other reason as a policy refusal, on one printable line', () => {
    expect(smtpRefusal('looks like spam\r\n250 OK')).toEqual({ code: 550, text: '5.7.1 Refused: looks like spam 250 OK' });
    expect(smtpRefusal('写道').text).toBe('5.7.1 Refused: ??');
  });
});
