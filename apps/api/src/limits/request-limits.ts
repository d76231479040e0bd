import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig, type RateRule } from '@firsthand/config';
import { RateLimiter, type RateRefusal } from './rate-limiter.js';

const per = (rule: RateRule) => (rule.windowSeconds === 60 ? 'a minute' : rule.windowSeconds === 3600 ? 'an hour' : `per ${rule.windowSeconds} s`);

const API_REQUESTS: RateRefusal = {
  code: 'too-many-requests', title: 'Too many requests',
  detail: (rule) => `At most ${rule.limit} API requests ${per(rule)} from one address.`,
};

/** Each limit the API applies, by what it protects; all counted by the one RateLimiter. */
@Injectable()
export class RequestLimits {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Every /api request from one address: a generous ceiling against floods, counted in leases (see RateLimiter.takeLeased). */
  apiRequest(address: string): Promise<void> {
    return this.limiter.takeLeased('api', address, this.config.limits.apiPerAddress, API_REQUESTS);
  }

  /** `apiRequest` answered from this process's lease without waiting: true when let through, false when `apiRequest` must be awaited; throws the 429. */
  apiRequestHeld(address: string): boolean {
    return this.limiter.takeHeld('api', address, this.config.limits.apiPerAddress, API_REQUESTS);
  }

  /** A ticket opened without an account: each one emails whatever address it names. */
  anonymousTicket(address: string): Promise<void> {
    return this.limiter.take('open-ticket', address, this.config.limits.openTicketsPerAddress, {
      code: 'too-many-tickets', title: 'Too many new tickets',
      detail: (rule) => `At most ${rule.limit} tickets ${per(rule)} may be opened from one address.`,
    });
  }

  /** A customer's reply, counted from the address before the token is checked. */
  customerReplyFrom(address: string): Promise<void> {
    return this.limiter.take('customer-reply-address', address, this.config.limits.customerRepliesPerAddress, {
      code: 'too-many-replies', title: 'Too many replies',
      detail: (rule) => `At most ${rule.limit} customer replies ${per(rule)} from one address.`,
    });
  }

  /** A customer's reply on one ticket, counted only once the token opened it, so knowing a code alone cannot spend the customer's allowance. */
  customerReplyOn(ticketId: string): Promise<void> {
    return this.limiter.take('customer-reply-ticket', ticketId, this.config.limits.customerRepliesPerTicket, {
      code: 'too-many-replies', title: 'Too many replies',
      detail: (rule) => `At most ${rule.limit} customer replies ${per(rule)} on one ticket; each one notifies its owner.`,
    });
  }

  /** "This solved it" / "I need a person" on an automatic answer: counted like replies from the address (the same rule). */
  botChoice(address: string): Promise<void> {
    return this.limiter.take('bot-choice', address, this.config.limits.customerRepliesPerAddress, {
      code: 'too-many-replies', title: 'Too many replies',
      detail: (rule) => `At most ${rule.limit} answers to automatic replies ${per(rule)} from one address.`,
    });
  }

  /** One upload from an address, or from a signed-in agent (`agent:<id>`). */
  upload(client: string): Promise<void> {
    return this.limiter.take('upload', client, this.config.limits.uploadsPerClient, {
      code: 'too-many-uploads', title: 'Too many uploads',
      detail: (rule) => `At most ${rule.limit} uploads ${per(rule)} from one address.`,
    });
  }

  /**
   * Article suggestions while a customer types a subject: debounced in the form, still a query per
   * call. Leased like the API ceiling: exact for the default (a limit under 100 leases one request at
   * a time); a raised limit for an office behind one address costs a Redis round trip per lease.
   */
  articleSuggestion(address: string): Promise<void> {
    return this.limiter.takeLeased('article-suggestion', address, this.config.limits.articleSuggestionsPerAddress, {
      code: 'too-many-suggestions', title: 'Too many suggestion requests',
      detail: (rule) => `At most ${rule.limit} article suggestion requests ${per(rule)} from one address.`,
    });
  }

  /** A held mail taken in by a supervisor (`agent:<id>`): each may open a ticket and email its sender. */
  mailTakeIn(agent: string): Promise<void> {
    return this.limiter.take('mail-take-in', agent, this.config.limits.mailTakeInsPerAgent, {
      code: 'too-many-take-ins', title: 'Too many mails taken in',
      detail: (rule) => `At most ${rule.limit} held mails ${per(rule)} may be taken in by one supervisor.`,
    });
  }

  /** "This answered my question": counted per address so nobody can inflate an article's figures. */
  deflection(address: string): Promise<void> {
    return this.limiter.take('deflection', address, this.config.limits.deflectionsPerAddress, {
      code: 'too-many-deflections', title: 'Too many answers recorded',
      detail: (rule) => `At most ${rule.limit} answered questions ${per(rule)} from one address.`,
    });
  }
}
