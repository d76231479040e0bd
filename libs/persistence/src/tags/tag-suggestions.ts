import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { seesAllTickets, type ActingAgent } from '@firsthand/domain';
import type { DataSource } from 'typeorm';

export interface TagSuggestion {
  tag: string;
  uses: number;
}

/** Tickets without a team count under this key in `tag_uses` (see the migration). */
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Tags in use on the tickets an agent's team works (its own team and the tickets without one;
 * every team for supervisors), most used first, from the trigger-kept `tag_uses` counts.
 */
@Injectable()
export class TagSuggestions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async suggest(agent: ActingAgent, prefix: string, limit: number): Promise<TagSuggestion[]> {
    const params: unknown[] = [likePrefix(prefix), limit];
    let teams = '';
    if (!seesAllTickets(agent)) {
      params.push(agent.teamId ? [agent.teamId, NO_TEAM] : [NO_TEAM]);
      teams = `AND team_key = ANY($3::uuid[])`;
    }
    const rows: Array<{ tag: string; uses: string }> = await this.db.query(
      `SELECT tag, sum(uses) AS uses FROM tag_uses WHERE uses > 0 AND tag LIKE $1 ${teams}
       GROUP BY tag ORDER BY sum(uses) DESC, tag LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ tag: r.tag, uses: Number(r.uses) }));
  }
}
