import { Injectable } from '@nestjs/common';
import { isSupervisorRole, mayChangeView, maySeeView, SAVED_VIEW_LIMITS, whyNotShareWith, type ActingAgent } from '@firsthand/domain';
import type { SavedView, SavedViewCount, SearchFilters, SearchSort } from '@firsthand/http-contracts';
import { SavedViewLimitReached, SavedViewNameTaken, SavedViewStore, TicketSearchReader, type SavedViewRecord } from '@firsthand/persistence';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import type { ChangeViewBody, SaveViewBody } from './dto/search-filters.dto.js';
import { searchRequest } from './search-request.js';

/** A view's badge counts up to this; beyond it the console shows "999+". */
export const VIEW_COUNT_CAP = 999;

const notFound = () => new HttpProblem(404, 'saved-view-not-found', 'Saved view not found', 'No saved view with this id that you can see.');
const nameTaken = (name: string) => new HttpProblem(409, 'saved-view-name-taken', 'Name taken', `A view named "${name}" already exists there; pick another name.`);

function toView(agent: ActingAgent, r: SavedViewRecord): SavedView {
  return {
    id: r.id,
    name: r.name,
    preset: r.preset,
    scope: r.scope,
    teamId: r.teamId,
    createdBy: { id: r.ownerId, name: r.ownerName },
    q: r.q,
    filters: r.filters as SearchFilters,
    sort: r.sort,
    mayChange: mayChangeView(agent, r),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Drops empty lists and unset fields, so a stored view holds only what narrows it. */
function compactFilters(filters: SearchFilters | undefined): SearchFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters ?? {})) {
    if (value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as SearchFilters;
}

@Injectable()
export class SavedViews {
  constructor(
    private readonly store: SavedViewStore,
    private readonly reader: TicketSearchReader,
  ) {}

  async list(agent: ActingAgent): Promise<SavedView[]> {
    const records = await this.store.visibleTo(agent.id, agent.teamId, isSupervisorRole(agent.role));
    return records.map((r) => toView(agent, r));
  }

  async create(agent: ActingAgent, body: SaveViewBody): Promise<SavedView> {
    const filters = compactFilters(body.filters);
    const q = body.q?.trim() || null;
    const sort: SearchSort = body.sort ?? (q ? 'relevance' : 'newest');
    // The same checks the search makes, so a saved view always runs.
    searchRequest(q, filters, sort, (field) => (field === 'q' ? 'q' : `filters.${field}`));
    let teamId: string | null = null;
    if (body.scope === 'team') {
      teamId = body.teamId ?? agent.teamId;
      if (!teamId) throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId is required: you belong to no team'] }]);
      const why = whyNotShareWith(agent, teamId);
      if (why) throw new HttpProblem(403, 'saved-view-team-forbidden', 'Not your team', why);
      if (!(await this.store.teamExists(teamId))) throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must be an existing team'] }]);
    } else if (body.teamId) {
      throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId is only for team views'] }]);
    }
    const name = body.name.trim();
    const limit = body.scope === 'team' ? SAVED_VIEW_LIMITS.perTeam : SAVED_VIEW_LIMITS.personalPerAgent;
    try {
      return toView(agent, await this.store.create(agent.id, { name, scope: body.scope, teamId, q, filters: { ...filters }, sort }, limit));
    } catch (error) {
      if (error instanceof SavedViewNameTaken) throw nameTaken(name);
      if (error instanceof SavedViewLimitReached) {
        throw new HttpProblem(409, 'saved-view-limit', 'Too many views', `There can be at most ${limit} ${body.scope} views; delete one first.`, { limit });
      }
      throw error;
    }
  }

  async change(agent: ActingAgent, id: string, body: ChangeViewBody): Promise<SavedView> {
    const current = await this.changeable(agent, id);
    const q = body.q === undefined ? current.q : body.q?.trim() || null;
    const filters = body.filters === undefined ? (current.filters as SearchFilters) : compactFilters(body.filters);
    const sort = body.sort ?? current.sort;
    searchRequest(q, filters, sort, (field) => (field === 'q' ? 'q' : `filters.${field}`));
    const name = body.name?.trim() ?? current.name;
    try {
      const saved = await this.store.update(id, { name, q, filters: { ...filters }, sort });
      if (!saved) throw notFound();
      return toView(agent, saved);
    } catch (error) {
      if (error instanceof SavedViewNameTaken) throw nameTaken(name);
      throw error;
    }
  }

  async delete(agent: ActingAgent, id: string): Promise<void> {
    await this.changeable(agent, id);
    if (!(await this.store.delete(id))) throw notFound();
  }

  /** Each visible view's count of tickets the agent may see; `me` in a team view means the caller. */
  async counts(agent: ActingAgent): Promise<SavedViewCount[]> {
    const records = await this.store.visibleTo(agent.id, agent.teamId, isSupervisorRole(agent.role));
    const counts: SavedViewCount[] = [];
    for (const r of records) {
      let request;
      try {
        request = searchRequest(r.q, r.filters as SearchFilters, r.sort);
      } catch (error) {
        // Stored before the checks it now fails (a date `Date` cannot read): no count, not a failed list.
        if (error instanceof RequestValidationFailed) continue;
        throw error;
      }
      const n = await this.reader.count(agent, request.filter, VIEW_COUNT_CAP);
      counts.push({ id: r.id, count: Math.min(n, VIEW_COUNT_CAP), capped: n > VIEW_COUNT_CAP });
    }
    return counts;
  }

  private async changeable(agent: ActingAgent, id: string): Promise<SavedViewRecord> {
    const view = await this.store.find(id);
    if (!view || !maySeeView(agent, view)) throw notFound();
    if (!mayChangeView(agent, view)) {
      throw new HttpProblem(403, 'saved-view-not-yours', 'Not yours to change', `Only ${view.ownerName}, who shared this view, or a supervisor may change it.`, { ownerName: view.ownerName });
    }
    return view;
  }
}
