/**
 * A machine name as words, for a name this bundle has no label for yet (the API was deployed first):
 * `webhook_endpoint.secret_rotated` → "Webhook endpoint: secret rotated", `retryRound` → "Retry round".
 */
export function humanise(name: string): string {
  const parts = name
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase())
    .filter(Boolean);
  const text = parts.join(': ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
