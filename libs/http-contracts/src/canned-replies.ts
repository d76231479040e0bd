import type { CannedReplyScope, Locale } from '@firsthand/domain';

/** A canned reply as `GET /api/canned-replies` and its create and update routes answer it. */
export interface CannedReplyView {
  id: string;
  scope: CannedReplyScope;
  /** The author, for a personal reply; null for a team reply. */
  ownerId: string | null;
  /** The team, for a team reply; null for a personal one. */
  teamId: string | null;
  title: string;
  /** Typed after `/` in the composer. */
  shortcut: string;
  bodyEn: string | null;
  bodyZhCn: string | null;
  useCount: number;
  lastUsedAt: string | null;
  /** Whether the signed-in agent may change or delete it. */
  mayEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/canned-replies`. */
export interface CannedReplyList {
  items: CannedReplyView[];
}

/** `POST /api/canned-replies`. */
export interface CreateCannedReplyRequest {
  scope: CannedReplyScope;
  /** A team reply's team; the signed-in agent's own team when left out. */
  teamId?: string;
  title: string;
  shortcut: string;
  bodyEn?: string | null;
  bodyZhCn?: string | null;
}

/** `PATCH /api/canned-replies/:id`: what is left out stays; a body set to null is removed (one must remain). */
export type UpdateCannedReplyRequest = Partial<Pick<CreateCannedReplyRequest, 'title' | 'shortcut' | 'bodyEn' | 'bodyZhCn'>>;

/** `GET /api/canned-replies/:id/render` and `POST /api/canned-replies/:id/uses`: the text for one ticket. */
export interface RenderedCannedReply {
  cannedReplyId: string;
  ticketId: string;
  /** The language of the text: the customer's, when the reply has a body in it. */
  locale: Locale;
  text: string;
}

/** `POST /api/canned-replies/:id/uses`: the text, counted as one use. */
export interface CannedReplyUse extends RenderedCannedReply {
  useCount: number;
}
