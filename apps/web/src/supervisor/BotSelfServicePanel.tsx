import type { BotAndSelfServiceFigures } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { rangeFor } from './dates.js';
import { useFcrReport } from './use-fcr-report.js';

const HANDOVER_REASONS = ['asked', 'timer', 'replied', 'claimed'] as const satisfies readonly (keyof BotAndSelfServiceFigures['handedToPerson'])[];

/**
 * The bot's and self-service's figures (issue 16) for the same 14 days as the breakdown table's
 * rates, from the same report: kept apart because the agents' rates count only tickets a person handled.
 */
export function BotSelfServicePanel({ api, today, version }: { api: AgentApi; today: string; version: number }) {
  const { t, number, duration } = useI18n();
  const range = rangeFor('days', today);
  const report = useFcrReport(api, range, 'agent', version);
  const figures = report?.botAndSelfService;
  const d = (ms: number | null) => (ms === null ? '–' : duration(ms));
  const row = (label: string, value: string, testId: string) => (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="bot-figures-title" data-testid="bot-figures">
      <h2 id="bot-figures-title">
        {t('botFigures.title')} <span className="muted">{range.from} – {range.to}</span>
      </h2>
      <p className="muted">{t('botFigures.agentsOnly')}</p>
      {!figures ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <table>
          <tbody>
            {row(t('botFigures.deflected'), number(figures.deflected), 'bot-figures-deflected')}
            {row(t('botFigures.answered'), number(figures.botAnswered), 'bot-figures-answered')}
            {row(t('botFigures.resolved'), number(figures.botResolved), 'bot-figures-resolved')}
            {row(t('botFigures.held'), number(figures.stillHeld), 'bot-figures-held')}
            {HANDOVER_REASONS.map((reason) =>
              row(t(`botFigures.handedOver.${reason}`), number(figures.handedToPerson[reason]), `bot-figures-handed-${reason}`),
            )}
            {row(t('botFigures.closedWhileHeld'), number(figures.closedWhileHeld), 'bot-figures-closed')}
            {row(
              t('botFigures.timeToPerson'),
              t('botFigures.times', { p50: d(figures.timeToPerson.medianMs), p90: d(figures.timeToPerson.p90Ms), count: number(figures.timeToPerson.count) }),
              'bot-figures-time-to-person',
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
