// mailauth ships no types for this file; only what authenticate-mail.ts uses.
declare module 'mailauth/lib/parse-received.js' {
  interface ReceivedClause {
    value?: string;
    comment?: string;
  }
  export function parseReceived(line: Buffer | string): { from?: ReceivedClause; 'envelope-from'?: ReceivedClause };
  export function getClientAddress(from: ReceivedClause | undefined): string | false;
}
