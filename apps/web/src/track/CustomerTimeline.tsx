import type { CustomerTimelineEntry, FileNotAttached } from '@firsthand/domain';
import type { AttachmentView } from '@firsthand/http-contracts';
import { AttachmentList, type AttachmentSource } from '../shared/attachments/AttachmentList.js';
import { filesNotAttachedText } from '../shared/attachments/files-not-attached.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/messages-en.js';
import { LinkedText } from '../shared/ui/LinkedText.js';

const TITLES: Partial<Record<CustomerTimelineEntry['type'], MessageKey>> = {
  created: 'track.entry.created',
  claimed: 'track.entry.claimed',
  agent_replied: 'track.entry.agent_replied',
  customer_replied: 'track.entry.customer_replied',
  status_changed: 'track.entry.status_changed',
  reopened: 'track.entry.reopened',
  handoff_accepted: 'track.entry.handoff_accepted',
  reassigned: 'track.entry.reassigned',
  rated: 'track.entry.rated',
  bot_answered: 'track.entry.bot_answered',
  bot_resolved: 'track.entry.bot_resolved',
  bot_handed_over: 'track.entry.bot_handed_over',
};

const titleKey = (entry: CustomerTimelineEntry): MessageKey =>
  entry.type === 'bot_handed_over' && entry.data.reason === 'asked'
    ? 'track.entry.bot_handed_over.asked'
    : entry.type === 'customer_replied' && typeof entry.data.copiedPerson === 'string'
      ? 'track.entry.copied_replied'
      : (TITLES[entry.type] ?? 'track.entry.other');

const STAGE_OF_STATUS: Record<string, 'submitted' | 'in_progress' | 'waiting_for_you' | 'resolved' | 'closed'> = {
  new: 'submitted',
  open: 'in_progress',
  pending_customer: 'waiting_for_you',
  resolved: 'resolved',
  closed: 'closed',
};

/** The files a public message carries (the API leaves internal ones out of the customer's timeline). */
const filesOf = (entry: CustomerTimelineEntry): AttachmentView[] => (Array.isArray(entry.data.attachments) ? (entry.data.attachments as AttachmentView[]) : []);

/** The files of the customer's mail that were not attached (their acknowledgement named them too). */
const notAttachedOf = (entry: CustomerTimelineEntry): FileNotAttached[] => (Array.isArray(entry.data.filesNotAttached) ? (entry.data.filesNotAttached as FileNotAttached[]) : []);

/** What an entry says besides its title: a message, the resolution, the customer's own rating comment. */
function bodyOf(entry: CustomerTimelineEntry): string | null {
  if (typeof entry.data.body === 'string') return entry.data.body;
  if (entry.type === 'status_changed' && entry.data.resolution) return String(entry.data.resolution);
  if (entry.type === 'rated' && typeof entry.data.comment === 'string' && entry.data.comment) return entry.data.comment;
  return null;
}

/** The public timeline, as the customer may see it: replies in full with their files, changes as one line each. */
export function CustomerTimeline({ entries, attachmentSource }: { entries: readonly CustomerTimelineEntry[]; attachmentSource: AttachmentSource }) {
  const { t, dateTime } = useI18n();
  return (
    <ol className="customer-timeline" data-testid="customer-timeline">
      {entries.map((entry) => {
        const name = String(entry.data.ownerName ?? entry.data.copiedPerson ?? entry.by.name ?? '');
        const stage = STAGE_OF_STATUS[String(entry.data.to)] ?? 'in_progress';
        const title = t(titleKey(entry), { name, to: t(`track.status.${stage}`), rating: String(entry.data.rating ?? ''), title: String(entry.data.title ?? '') });
        const body = bodyOf(entry);
        const mine = entry.by.type === 'customer' && entry.data.copiedPerson === undefined;
        return (
          <li key={entry.seq} className={`entry ${mine ? 'entry-mine' : 'entry-theirs'}`} data-seq={entry.seq} data-type={entry.type}>
            <div className="entry-head">
              <strong>{title}</strong>
              <time dateTime={entry.at}>{dateTime(entry.at)}</time>
            </div>
            {body && (
              <p className="entry-body">
                <LinkedText text={body} />
              </p>
            )}
            <AttachmentList attachments={filesOf(entry)} source={attachmentSource} />
            {notAttachedOf(entry).length > 0 && (
              <p className="notice notice-warning" data-testid="files-not-attached">
                {t('track.filesNotAttached', { files: filesNotAttachedText(notAttachedOf(entry), t) ?? '' })}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
