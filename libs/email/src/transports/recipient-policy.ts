/**
 * Which RCPT TO addresses the SMTP listener takes: the domain must be one of ours; when addresses
 * are listed, the local part (without a `+tag`, so `support+FH-12345@` reaches `support@`) must be one of them.
 */
export class RecipientPolicy {
  private readonly domains: Set<string>;
  private readonly addresses: Set<string> | null;

  constructor(acceptedDomains: string[], acceptedAddresses?: string[]) {
    this.domains = new Set(acceptedDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean));
    this.addresses = acceptedAddresses?.length ? new Set(acceptedAddresses.map((a) => a.trim().toLowerCase())) : null;
  }

  accepts(address: string): boolean {
    const at = address.lastIndexOf('@');
    if (at <= 0 || at === address.length - 1) return false;
    const local = address.slice(0, at).toLowerCase();
    const domain = address.slice(at + 1).toLowerCase();
    if (!this.domains.has(domain)) return false;
    if (!this.addresses) return true;
    const plus = local.indexOf('+');
    const base = plus > 0 ? local.slice(0, plus) : local;
    return this.addresses.has(`${base}@${domain}`) || this.addresses.has(`${local}@${domain}`);
  }
}
