import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { defineMacro, MACRO_LIMITS, type ActingAgent, type AgentRole, Channel, CustomerTier, Locale, Priority, TicketKind } from '@firsthand/domain';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { generateWebhookSecret } from '@firsthand/notifications';
import { ArticleStore, CalendarStore, CannedReplyStore, DemoRoster, MacroStore, SavedViewStore, Transactions } from '@firsthand/persistence';
import { PasswordHasher } from '../auth/password-hasher.js';
import { ChangeTicketStatus } from '../tickets/use-cases/change-ticket-status.use-case.js';
import { ClaimTicket } from '../tickets/use-cases/claim-ticket.use-case.js';
import { HandOffTicket } from '../tickets/use-cases/hand-off-ticket.use-case.js';
import { OpenTicket } from '../tickets/use-cases/open-ticket.use-case.js';
import { PostAgentMessage } from '../tickets/use-cases/post-agent-message.use-case.js';
import { seedDemoCannedReplies } from './demo-canned-replies.js';
import { seedDemoHelpCenter } from './demo-help-center.js';
import { seedDemoCalendars } from './demo-calendar-seed.js';

export const DEMO_PASSWORD = 'firsthand-demo';

const AGENTS: Array<{ name: string; email: string; role: AgentRole; team: 'front' | 'senior'; locale: Locale }> = [
  { name: 'Li Wei', email: 'li.wei@firsthand.local', role: 'agent', team: 'front', locale: 'zh-CN' },
  { name: 'Zhang Min', email: 'zhang.min@firsthand.local', role: 'agent', team: 'front', locale: 'zh-CN' },
  { name: 'Sara Lopez', email: 'sara.lopez@firsthand.local', role: 'agent', team: 'front', locale: 'en' },
  { name: 'Chen Jie', email: 'chen.jie@firsthand.local', role: 'senior', team: 'senior', locale: 'zh-CN' },
  { name: 'Tom Becker', email: 'tom.becker@firsthand.local', role: 'senior', team: 'senior', locale: 'en' },
  { name: 'Wang Fang', email: 'wang.fang@firsthand.local', role: 'supervisor', team: 'front', locale: 'zh-CN' },
];

type DemoOutcome = 'new' | 'claimed' | 'replied' | 'waiting' | 'resolved' | 'handoff';
const CHANNELS: Channel[] = ['web', 'email', 'phone', 'chat', 'social', 'in_store'];
const TIERS: CustomerTier[] = ['standard', 'member', 'vip'];
const KINDS: TicketKind[] = ['question', 'problem', 'request', 'complaint'];
const PRIORITIES: Priority[] = ['normal', 'high', 'low', 'urgent'];
const OUTCOMES: DemoOutcome[] = ['new', 'claimed', 'replied', 'waiting', 'resolved', 'new', 'replied', 'handoff', 'resolved', 'new'];
const SUBJECTS = [
  'Refund not received after return',
  '会员积分没有到账',
  'Cannot log in to the app',
  '快递一直显示运输中',
  'Wrong size delivered',
  'Invoice needs company name',
  '门店退货被拒绝',
  'Charged twice for one order',
  'Change delivery address',
  '优惠券无法使用',
];

/**
 * Demo data for `npm start`: teams, agents and twenty tickets in every state, made through the same
 * use cases as real traffic so their timelines are real. Runs once per database.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly roster: DemoRoster,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly hasher: PasswordHasher,
    private readonly open: OpenTicket,
    private readonly claim: ClaimTicket,
    private readonly message: PostAgentMessage,
    private readonly status: ChangeTicketStatus,
    private readonly handOff: HandOffTicket,
    private readonly views: SavedViewStore,
    private readonly cannedReplies: CannedReplyStore,
    private readonly macros: MacroStore,
    private readonly calendars: CalendarStore,
    private readonly transactions: Transactions,
    private readonly helpCenter: ArticleStore,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.roster.seedOnce(() => this.seed());
  }

  private async seed(): Promise<void> {
    // 'Front Desk' is the marker seedOnce looks for: keep its name in step.
    const front = await this.roster.addTeam('Front Desk', true);
    const senior = await this.roster.addTeam('Senior Care');
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const agents: ActingAgent[] = [];
    for (const a of AGENTS) {
      const teamId = a.team === 'front' ? front : senior;
      const id = await this.roster.addAgent({ name: a.name, email: a.email, passwordHash, role: a.role, teamId, locale: a.locale });
      agents.push({ id, name: a.name, role: a.role, teamId });
    }
    await this.registerDemoWebhook();
    await seedDemoCalendars(this.calendars, this.transactions, [front, senior], agents[5].id);
    await seedDemoCannedReplies(this.cannedReplies, front, agents[5], agents[0]);
    await seedDemoHelpCenter(this.helpCenter, agents[5].id);
    const frontAgents = agents.slice(0, 3);
    for (let i = 0; i < 20; i++) {
      const locale: Locale = i % 2 === 0 ? 'en' : 'zh-CN';
      const owner = frontAgents[i % frontAgents.length];
      const opened = await this.open.execute(
        {
          subject: SUBJECTS[i % SUBJECTS.length],
          description: `Demo ticket ${i + 1}: the customer describes the problem here.`,
          channel: CHANNELS[i % CHANNELS.length],
          kind: KINDS[i % KINDS.length],
          priority: PRIORITIES[i % PRIORITIES.length],
          customer: {
            name: `Demo Customer ${i + 1}`,
            email: `customer${i + 1}@example.com`,
            // Every third customer also gets SMS, so the local inbox shows that channel too.
            ...(i % 3 === 0 ? { phone: `+8613800138${String(i).padStart(3, '0')}` } : {}),
            locale,
            tier: TIERS[i % TIERS.length],
          },
        },
        owner,
      );
      await this.play(OUTCOMES[i % OUTCOMES.length], opened.ticket.id, owner, agents[3]);
    }
    await this.seedTeamViews(agents[5], front);
    await this.seedMacros(front, agents);
    this.logger.log('Demo data created: 2 teams, 6 agents, 20 tickets, 3 team views, 2 macros, 2 calendars');
  }

  /**
   * The Front Desk's shared views, made by its supervisor: what a team watches all day. Made from
   * presets, since the team reads them in Chinese and English alike: each console names them in its
   * language, and the stored English name is what the API says.
   */
  private async seedTeamViews(supervisor: ActingAgent, teamId: string): Promise<void> {
    const open = ['new', 'open', 'pending_customer'];
    const views = [
      { name: 'VIP waiting', preset: 'vip_waiting', filters: { tier: ['vip'], status: ['new', 'open'] } },
      { name: 'Complaints', preset: 'complaints', filters: { kind: ['complaint'], status: open } },
      { name: 'Breaching', preset: 'breaching', filters: { breaching: true } },
    ] as const;
    for (const { name, preset, filters } of views) {
      await this.views.create(supervisor.id, { name, preset, scope: 'team', teamId, q: null, filters, sort: 'oldest' }, 30);
    }
  }

  /** A team macro for the front desk (by its supervisor) and a personal one for Li Wei. */
  private async seedMacros(front: string, agents: ActingAgent[]): Promise<void> {
    const [li, , , , , wang] = agents;
    const waiting = defineMacro({
      name: 'Waiting on the bank / 等待银行回复',
      reply: {
        'zh-CN': '{{customer.name}}您好，我们已联系银行核实 {{ticket.code}}，预计在 {{ticket.next_update_due}} 前给您答复。',
        en: 'Hi {{customer.name}}, we have asked the bank about {{ticket.code}} and will update you by {{ticket.next_update_due}}.',
      },
      // The ticket stays open: the bank, not the customer, owes the next step, and the update it promises keeps its clock.
      status: null,
      addTags: ['bank', '退款'],
      removeTags: [],
      priority: null,
    });
    await this.macros.create({ ...waiting, scope: 'team', ownerId: wang.id, teamId: front }, MACRO_LIMITS.perOwner);
    const vip = defineMacro({ name: 'VIP follow-up', reply: { 'zh-CN': null, en: null }, status: null, addTags: ['vip'], removeTags: [], priority: 'high' });
    await this.macros.create({ ...vip, scope: 'personal', ownerId: li.id, teamId: null }, MACRO_LIMITS.perOwner);
  }

  /** `npm start` points this at its local notifications inbox, so the webhooks can be seen too. */
  private async registerDemoWebhook(): Promise<void> {
    const url = this.config.notifications.demoWebhookUrl;
    if (!url) return;
    await this.roster.addInboxWebhook({
      url,
      description: 'Local notifications inbox (npm start)',
      sealedSecret: new SecretBox(this.config.secret).seal(this.config.notifications.demoWebhookSecret ?? generateWebhookSecret()),
    });
  }

  private async play(outcome: DemoOutcome, ticketId: string, owner: ActingAgent, senior: ActingAgent): Promise<void> {
    if (outcome === 'new') return;
    await this.claim.execute(ticketId, owner);
    if (outcome === 'claimed') return;
    await this.message.execute(ticketId, owner, { visibility: 'public', body: 'Thanks for reaching out, I am looking into this now.' });
    if (outcome === 'waiting') await this.status.execute(ticketId, owner, { status: 'pending_customer' });
    if (outcome === 'resolved') await this.status.execute(ticketId, owner, { status: 'resolved', resolution: 'Sorted on first contact.' });
    if (outcome === 'handoff') await this.handOff.propose(ticketId, owner, senior.id, 'Needs a senior: billing system access.');
  }
}
