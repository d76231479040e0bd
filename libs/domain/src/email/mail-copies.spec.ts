import { NotTicketOwner } from '../domain-errors.js';
import { assertMayStopCopying, copiedOn, copiedOnMail } from './mail-copies.js';

const ours = (address: string) => /^support(\+[^@]*)?@help\.example$/.test(address);

describe('copiedOnMail', () => {
  it('keeps the To and Cc people but the sender, the customer and us, each once', () => {
    const copied = copiedOnMail(
      {
        from: { address: 'ana@acme.example' },
        to: [{ address: 'support@help.example', name: 'Support' }, { address: 'Boss@Acme.example', name: 'The Boss' }],
        cc: [{ address: 'ana@acme.example', name: 'Ana' }, { address: 'support+fh-7k3qx@help.example', name: null }, { address: 'boss@acme.example', name: 'Boss again' }, { address: 'it@acme.example', name: null }, { address: 'ana.old@acme.example', name: null }],
      },
      ours,
      ['ana.old@acme.example'],
    );
    expect(copied).toEqual([{ address: 'boss@acme.example', name: 'The Boss' }, { address: 'it@acme.example', name: null }]);
  });

  it('leaves out what is not an address we could write to, and cleans names', () => {
    const copied = copiedOnMail(
      {
        from: { address: 'ana@acme.example' },
        to: [],
        cc: [{ address: 'undisclosed-recipients:', name: null }, { address: 'no-at-sign', name: null }, { address: `${'a'.repeat(65)}@acme.example`, name: null }, { address: 'x@acme.example', name: 'Li\u0000 \u202eWei\r\n Jr' }, { address: 'y@acme.example', name: 'y@acme.example' }],
      },
      ours,
      [],
    );
    expect(copied).toEqual([{ address: 'x@acme.example', name: 'Li Wei Jr' }, { address: 'y@acme.example', name: null }]);
  });
});

describe('copiedOn', () => {
  it("copies what an agent wrote to the customer, not the customer's own notices", () => {
    expect(copiedOn('agent_replied')).toBe(true);
    expect(copiedOn('resolved')).toBe(true);
    for (const kind of ['received', 'automatic_answer', 'claimed', 'pending_customer', 'reopened', 'next_update', 'closed', 'files_not_attached'] as const) expect(copiedOn(kind)).toBe(false);
  });
});

describe('assertMayStopCopying', () => {
  const li = { id: 'li', name: 'Li Wei' };
  it('lets the owner, supervisors and admins; tells anyone else who owns it', () => {
    expect(() => assertMayStopCopying(li, { id: 'li', name: 'Li Wei', role: 'agent', teamId: null })).not.toThrow();
    expect(() => assertMayStopCopying(li, { id: 's', name: 'Sam', role: 'supervisor', teamId: null })).not.toThrow();
    expect(() => assertMayStopCopying(null, { id: 'a', name: 'Ada', role: 'admin', teamId: null })).not.toThrow();
    expect(() => assertMayStopCopying(li, { id: 'ben', name: 'Ben', role: 'senior', teamId: null })).toThrow(new NotTicketOwner('stop copying someone on its emails', 'li', 'Li Wei'));
    expect(() => assertMayStopCopying(null, { id: 'ben', name: 'Ben', role: 'agent', teamId: null })).toThrow(/Nobody owns this ticket yet/);
  });
});
