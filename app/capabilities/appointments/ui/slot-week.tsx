// Les créneaux libres d'une semaine, un bouton par heure (un formulaire chacun : sans JavaScript), et les semaines
// voisines. Le refus d'un créneau pris entre-temps se lit au-dessus de la liste.
import { Form, Link } from 'react-router';
import { CsrfField } from '../../../ui/form';

interface Week {
  previous: string | null;
  next: string;
  days: {
    day: string;
    label: string;
    slots: { start: string; hour: string; agentId: string; agentName: string; siteId: string; siteName: string }[];
  }[];
}

export function SlotWeek({
  week,
  hidden,
  weekHref,
  problem,
}: {
  week: Week;
  /** Les champs cachés de chaque formulaire (la personne, le motif…), en plus de l'agent, du lieu et de l'heure. */
  hidden: Record<string, string>;
  weekHref: (from: string) => string;
  problem: string | null | undefined;
}) {
  return (
    <>
      {problem && (
        <p className="fr-error-text" id="creneau-erreur" role="alert">
          {problem}
        </p>
      )}
      {week.days.length === 0 ? (
        <p>Aucun créneau libre cette semaine.</p>
      ) : (
        week.days.map((day) => (
          <div key={day.day} className="fr-mb-3w">
            <h3 className="fr-h6">{day.label}</h3>
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              {day.slots.map((slot) => (
                <li key={`${slot.agentId}-${slot.start}`}>
                  <Form method="post">
                    <CsrfField />
                    {Object.entries(hidden).map(([name, value]) => (
                      <input key={name} type="hidden" name={name} value={value} />
                    ))}
                    <input type="hidden" name="agentId" value={slot.agentId} />
                    <input type="hidden" name="siteId" value={slot.siteId} />
                    <input type="hidden" name="start" value={slot.start} />
                    <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                      {slot.hour}
                      <span className="fr-sr-only">, {day.label},</span> avec {slot.agentName} · {slot.siteName}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      <nav aria-label="Autres semaines">
        {week.previous && (
          <>
            <Link to={weekHref(week.previous)}>← Semaine précédente</Link> ·{' '}
          </>
        )}
        <Link to={weekHref(week.next)}>Semaine suivante →</Link>
      </nav>
    </>
  );
}
