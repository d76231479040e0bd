/** Links in notifications without a customer token: the page asks for it (the worker passes the customer's own link when it has one). */
export function trackingUrl(publicBaseUrl: string, ticketCode: string): string {
  return `${baseOf(publicBaseUrl)}/track/${encodeURIComponent(ticketCode)}`;
}

/** The tracking page, opened at its rating form. */
export function ratingUrl(publicBaseUrl: string, ticketCode: string): string {
  return `${trackingUrl(publicBaseUrl, ticketCode)}#rate`;
}

export function agentTicketUrl(publicBaseUrl: string, ticketId: string): string {
  return `${baseOf(publicBaseUrl)}/agent/tickets/${encodeURIComponent(ticketId)}`;
}

function baseOf(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`publicBaseUrl must be http(s), not ${url.protocol}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
