/** Everything on the dashboard that names a ticket opens it in the agent console (same tab, same sign-in). */
export function TicketLink({ id, code }: { id: string; code: string }) {
  return (
    <a href={`/agent/tickets/${id}`} className="code" data-testid="ticket-link">
      {code}
    </a>
  );
}
