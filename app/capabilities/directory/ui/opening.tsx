// L'ouverture d'un lieu : l'état en une ligne (mot et couleur, jamais la couleur seule) et la semaine à venir.
import type { OpeningStatus } from '../opening-hours';

export function OpeningStatusLine({ status }: { status: OpeningStatus }) {
  const badge =
    status.open === null
      ? { kind: 'info', word: 'À confirmer' }
      : status.open
        ? { kind: 'success', word: 'Ouvert' }
        : { kind: 'error', word: 'Fermé' };
  // Le badge répète le premier mot de la phrase : il n'est là que pour l'œil.
  return (
    <p className="relais-opening">
      <span className={`fr-badge fr-badge--sm fr-badge--no-icon fr-badge--${badge.kind}`} aria-hidden="true">
        {badge.word}
      </span>{' '}
      {status.text}
    </p>
  );
}

export interface DayView {
  label: string;
  today: boolean;
  holiday: boolean;
  intervals: string[];
  comment: string | null;
}

export function WeekSchedule({ days }: { days: DayView[] }) {
  return (
    <table className="relais-week">
      <caption className="fr-sr-only">Horaires d'ouverture, jour par jour</caption>
      <tbody>
        {days.map((d) => (
          <tr key={d.label} aria-current={d.today ? 'date' : undefined}>
            <th scope="row">
              {d.label}
              {d.today && ' (aujourd’hui)'}
            </th>
            <td>
              {d.intervals.length ? d.intervals.join(', ') : 'Fermé'}
              {d.holiday && ' · jour férié'}
              {d.comment && ` · ${d.comment}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
