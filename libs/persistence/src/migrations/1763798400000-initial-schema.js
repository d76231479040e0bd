const list = (values) => values.map((v) => `'${v}'`).join(', ');
const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'in_store'];
const KINDS = ['question', 'problem', 'request', 'complaint'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const TIERS = ['standard', 'member', 'vip'];
const STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'];
/** Minutes for [first response, update cadence, resolution] per priority x tier. */
const DEFAULT_SLA = {
    low: { standard: [480, 1440, 7200], member: [240, 1440, 5760], vip: [120, 720, 2880] },
    normal: { standard: [240, 720, 2880], member: [120, 480, 2160], vip: [60, 240, 1440] },
    high: { standard: [60, 240, 1440], member: [30, 180, 960], vip: [15, 120, 480] },
    urgent: { standard: [15, 60, 480], member: [10, 45, 360], vip: [5, 30, 240] },
};
export class InitialSchema1763798400000 {
    name = 'InitialSchema1763798400000';
    async up(q) {
        await q.query(`CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now())`);
        await q.query(`CREATE UNIQUE INDEX teams_name_key ON teams (lower(name))`);
        await q.query(`CREATE UNIQUE INDEX teams_one_default ON teams (is_default) WHERE is_default`);
        await q.query(`CREATE TABLE agents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      email text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('agent', 'senior', 'supervisor', 'admin')),
      team_id uuid REFERENCES teams(id),
      presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now())`);
        await q.query(`CREATE UNIQUE INDEX agents_email_key ON agents (lower(email))`);
        await q.query(`CREATE INDEX agents_team_role ON agents (team_id, role) WHERE active`);
        await q.query(`CREATE TABLE customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      email text,
      phone text,
      tier text NOT NULL DEFAULT 'standard' CHECK (tier IN (${list(TIERS)})),
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('zh-CN', 'en')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (email IS NOT NULL OR phone IS NOT NULL))`);
        await q.query(`CREATE UNIQUE INDEX customers_email_key ON customers (lower(email)) WHERE email IS NOT NULL`);
        await q.query(`CREATE UNIQUE INDEX customers_phone_key ON customers (phone) WHERE email IS NULL AND phone IS NOT NULL`);
        await q.query(`CREATE TABLE sla_policies (
      priority text NOT NULL CHECK (priority IN (${list(PRIORITIES)})),
      tier text NOT NULL CHECK (tier IN (${list(TIERS)})),
      first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
      update_cadence_minutes integer NOT NULL CHECK (update_cadence_minutes > 0),
      resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (priority, tier))`);
        for (const [priority, byTier] of Object.entries(DEFAULT_SLA)) {
            for (const [tier, [first, cadence, resolution]] of Object.entries(byTier)) {
                await q.query(`INSERT INTO sla_policies (priority, tier, first_response_minutes, update_cadence_minutes, resolution_minutes) VALUES ($1, $2, $3, $4, $5)`, [priority, tier, first, cadence, resolution]);
            }
        }
        await q.query(`CREATE TABLE tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      tracking_token_hash text NOT NULL,
      subject text NOT NULL,
      description text NOT NULL,
      channel text NOT NULL CHECK (channel IN (${list(CHANNELS)})),
      kind text NOT NULL CHECK (kind IN (${list(KINDS)})),
      priority text NOT NULL CHECK (priority IN (${list(PRIORITIES)})),
      tier text NOT NULL CHECK (tier IN (${list(TIERS)})),
      status text NOT NULL CHECK (status IN (${list(STATUSES)})),
      team_id uuid REFERENCES teams(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      owner_id uuid REFERENCES agents(id),
      first_responder_id uuid REFERENCES agents(id),
      pending_handoff_to_id uuid REFERENCES agents(id),
      handoff_note text,
      repeat_of_ticket_id uuid REFERENCES tickets(id),
      offered_to_id uuid REFERENCES agents(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      first_response_at timestamptz,
      last_customer_visible_update_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      first_response_due_at timestamptz,
      next_update_due_at timestamptz,
      resolution_due_at timestamptz,
      escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
      reopen_count integer NOT NULL DEFAULT 0,
      transfer_count integer NOT NULL DEFAULT 0,
      tags text[] NOT NULL DEFAULT '{}',
      csat_rating smallint CHECK (csat_rating BETWEEN 1 AND 5),
      csat_comment text,
      resolution text,
      last_seq integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((owner_id IS NULL) = (status = 'new')))`);
        await q.query(`CREATE INDEX tickets_queue ON tickets (team_id, status, created_at, id)`);
        await q.query(`CREATE INDEX tickets_owner ON tickets (owner_id, status, created_at, id)`);
        await q.query(`CREATE INDEX tickets_customer ON tickets (customer_id, created_at)`);
        await q.query(`CREATE INDEX tickets_resolved ON tickets (resolved_at) WHERE status = 'resolved'`);
        await q.query(`CREATE INDEX tickets_list ON tickets (created_at DESC, id DESC)`);
        await q.query(`CREATE TABLE ticket_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      seq integer NOT NULL CHECK (seq > 0),
      type text NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      actor_type text NOT NULL CHECK (actor_type IN ('agent', 'customer', 'system')),
      actor_id uuid,
      actor_name text,
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (ticket_id, seq))`);
        await q.query(`CREATE INDEX ticket_events_created ON ticket_events (created_at)`);
        await q.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      event_seq integer NOT NULL,
      author_type text NOT NULL CHECK (author_type IN ('agent', 'customer')),
      author_id uuid NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (ticket_id, event_seq) REFERENCES ticket_events (ticket_id, seq))`);
        await q.query(`CREATE INDEX messages_ticket ON messages (ticket_id, event_seq)`);
        await q.query(`CREATE TABLE ticket_watchers (
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      agent_id uuid NOT NULL REFERENCES agents(id),
      reason text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, agent_id))`);
        await q.query(`CREATE INDEX ticket_watchers_agent ON ticket_watchers (agent_id)`);
        await q.query(`CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key))`);
    }
    async down(q) {
        for (const table of ['idempotency_keys', 'ticket_watchers', 'messages', 'ticket_events', 'tickets', 'sla_policies', 'customers', 'agents', 'teams']) {
            await q.query(`DROP TABLE IF EXISTS ${table}`);
        }
    }
}
//# sourceMappingURL=1763798400000-initial-schema.js.map