import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The bot's and self-service's figures for local days `from`..`to` (issue 16), beside the agents' rates. */
export interface BotFigures {
  /** "This answered my question" on the new-issue form: no ticket was opened. */
  deflected: number;
  botAnswered: number;
  botResolved: number;
  /** Still waiting for the customer (neither resolved nor handed over yet). */
  stillHeld: number;
  handedToPerson: { asked: number; timer: number; replied: number; claimed: number };
  /** Held, then closed with nobody on it (as spam, or for an erasure). */
  closedWhileHeld: number;
  /** Creation to first claim of the answered tickets a person took. */
  timeToPerson: { count: number; medianMs: number | null; p90Ms: number | null };
}

/**
 * Read from the source rows, not the rollups: `bot_answers` (indexed by answered_at), the tickets'
 * bot outcome and first response, and `kb_deflections`. A day's figures therefore need no rebuild;
 * `metrics:rebuild` has nothing of the bot's to rebuild. A ticket counts on the local day it was answered.
 */
@Injectable()
export class BotFiguresReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forDays(from: string, to: string, timeZone: string): Promise<BotFigures> {
    const range = [from, to, timeZone];
    const [bot] = await this.db.query(
      `SELECT count(*)::int AS answered,
         count(*) FILTER (WHERE t.bot_outcome = 'resolved')::int AS resolved,
         count(*) FILTER (WHERE t.bot_outcome = 'held')::int AS held,
         count(*) FILTER (WHERE t.bot_outcome = 'asked')::int AS asked,
         count(*) FILTER (WHERE t.bot_outcome = 'timer')::int AS timer,
         count(*) FILTER (WHERE t.bot_outcome = 'replied')::int AS replied,
         count(*) FILTER (WHERE t.bot_outcome = 'claimed')::int AS claimed,
         count(*) FILTER (WHERE t.bot_outcome = 'closed')::int AS closed,
         count(t.first_response_at) FILTER (WHERE t.bot_outcome IN ('asked', 'timer', 'replied', 'claimed'))::int AS to_person,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.created_at))
           FILTER (WHERE t.first_response_at IS NOT NULL AND t.bot_outcome IN ('asked', 'timer', 'replied', 'claimed')) AS p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.created_at))
           FILTER (WHERE t.first_response_at IS NOT NULL AND t.bot_outcome IN ('asked', 'timer', 'replied', 'claimed')) AS p90
       FROM bot_answers b JOIN tickets t ON t.id = b.ticket_id
       WHERE b.answered_at >= ($1::date)::timestamp AT TIME ZONE $3 AND b.answered_at < ($2::date + 1)::timestamp AT TIME ZONE $3`,
      range,
    );
    const [deflections] = await this.db.query(
      `SELECT count(*)::int AS n FROM kb_deflections
       WHERE deflected_at >= ($1::date)::timestamp AT TIME ZONE $3 AND deflected_at < ($2::date + 1)::timestamp AT TIME ZONE $3`,
      range,
    );
    const ms = (seconds: unknown) => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) * 1000));
    return {
      deflected: deflections.n,
      botAnswered: bot.answered,
      botResolved: bot.resolved,
      stillHeld: bot.held,
      handedToPerson: { asked: bot.asked, timer: bot.timer, replied: bot.replied, claimed: bot.claimed },
      closedWhileHeld: bot.closed,
      timeToPerson: { count: bot.to_person, medianMs: ms(bot.p50), p90Ms: ms(bot.p90) },
    };
  }
}
