import { CannotDisableSelf, DomainError } from '../domain-errors.js';
import { ADMIN, errorFrom, LI, SUPERVISOR } from '../testing/ticket.builder.js';
import { assertNotDisablingSelf } from './agent-deactivation.js';

describe('an agent cannot disable themselves', () => {
  it('refuses disabling oneself, telling the agent whom to ask', () => {
    const error = errorFrom(() => assertNotDisablingSelf(ADMIN, ADMIN, { active: false }));
    expect(error).toBeInstanceOf(CannotDisableSelf);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'cannot-disable-self', message: 'Ask another supervisor or admin.' });
    expect((error as CannotDisableSelf).extensions()).toEqual({});
  });

  it('lets a supervisor disable someone else', () => {
    expect(() => assertNotDisablingSelf(SUPERVISOR, LI, { active: false })).not.toThrow();
  });

  it('lets an agent change other things about themselves, or re-enable themselves', () => {
    expect(() => assertNotDisablingSelf(ADMIN, ADMIN, {})).not.toThrow();
    expect(() => assertNotDisablingSelf(ADMIN, ADMIN, { active: true })).not.toThrow();
  });
});
