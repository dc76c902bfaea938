// « Prendre un rendez-vous » (portail) : la personne choisit pour quoi elle vient, puis une heure libre parmi celles
// de deux semaines (un bouton par heure, sans JavaScript) ; elle peut demander une place plus tôt. En mots simples,
// dans sa langue. Une heure prise entre-temps est refusée en le disant, et les heures libres reviennent.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/mon-espace.rendez-vous.prendre';
import { requireResident } from '../../../platform/authorize.server';
import { addDays, today } from '../../../platform/time';
import { CsrfField } from '../../../ui/form';
import { formatTime, formatWeekday, type PortalKey } from '../../portal/i18n';
import { helpOf, type ResidentScope } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, PortalFrame } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { bookableMotifs, bookByPerson, parseSlotChoice, personMotif, SLOT_PAGE_DAYS, slotsForPerson } from '../person-booking.server';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'prendre.titre');

const query = z.object({
  motif: z.uuid().optional().catch(undefined),
  a_partir: z.iso.date().optional().catch(undefined),
});

async function page(scope: ResidentScope, motifId: string | undefined, asked: string | undefined) {
  const { tx, resident, now } = scope;
  const common = { help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
  const motif = motifId ? await personMotif(tx, resident.structureId, motifId) : null;
  if (!motif) {
    const motifs = await bookableMotifs(tx, resident.structureId);
    return { ...common, step: 'motif' as const, motifs, unknownMotif: Boolean(motifId) };
  }
  const from = asked && asked > today(now) ? asked : today(now);
  return {
    ...common,
    step: 'heure' as const,
    motif: { id: motif.id, name: motif.name, durationMinutes: motif.durationMinutes },
    from,
    next: addDays(from, SLOT_PAGE_DAYS),
    previous: from > today(now) ? addDays(from, -SLOT_PAGE_DAYS) : null,
    days: await slotsForPerson(tx, resident.structureId, motif, from, now),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const asked = query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return page(scope, asked.motif, asked.a_partir);
}

type Problem = 'pris' | 'libre' | 'motif' | 'formulaire';

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData();
  const motifId = z.uuid().safeParse(form.get('motif'));
  const slot = parseSlotChoice(form.get('creneau'));
  const refuse = async (problem: Problem, status: number) => data({ problem, ...(await page(scope, motifId.data, undefined)) }, { status });
  if (!motifId.success || !slot) return refuse('formulaire', 400);
  const { tx, resident, now } = scope;
  const result = await bookByPerson(
    { tx, structureId: resident.structureId, personId: resident.personId, now },
    motifId.data,
    slot,
    form.get('plus_tot') === 'oui',
  );
  if (result.ok) throw redirect('/mon-espace/rendez-vous?pris=1');
  if (result.error === 'motif_inconnu' || result.error === 'personne_inconnue') return refuse('motif', 409);
  return refuse(result.error === 'pris' ? 'pris' : 'libre', 409);
}

export default function BookAppointment() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const current = result ?? loaded;
  const { t, language, timeZone } = usePortal();
  return (
    <PortalFrame path="/mon-espace/rendez-vous/prendre" signedIn sharedComputer={current.sharedComputer} help={current.help}>
      <BackToSpace />
      <p>
        <a href="/mon-espace/rendez-vous">{t('rendez_vous.titre')}</a>
      </p>
      <h1>{t('prendre.titre')}</h1>
      {result?.problem && (
        <p className="portail-alerte portail-alerte--erreur" role="alert" id="erreur-prise">
          {t(`prendre.erreurs.${result.problem}` as PortalKey)}
        </p>
      )}
      {current.step === 'motif' ? (
        current.motifs.length === 0 ? (
          <p>{t('prendre.aucun_motif')}</p>
        ) : (
          <section aria-labelledby="motifs">
            <h2 id="motifs">{t('prendre.motif')}</h2>
            <ul className="portail-liste">
              {current.motifs.map((motif) => (
                <li key={motif.id} className="portail-carte">
                  <a href={`/mon-espace/rendez-vous/prendre?motif=${motif.id}`}>{motif.name}</a>
                  <p>{t('prendre.duree', { minutes: motif.durationMinutes })}</p>
                </li>
              ))}
            </ul>
          </section>
        )
      ) : (
        <form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="motif" value={current.motif.id} />
          <p>
            <strong>{current.motif.name}</strong> — {t('prendre.duree', { minutes: current.motif.durationMinutes })}{' '}
            <a href="/mon-espace/rendez-vous/prendre">{t('prendre.autre_motif')}</a>
          </p>
          <div className="portail-case">
            <input type="checkbox" id="plus_tot" name="plus_tot" value="oui" />
            <label htmlFor="plus_tot">{t('prendre.plus_tot')}</label>
          </div>
          <h2>{t('prendre.heure')}</h2>
          {current.days.length === 0 ? (
            <p>{t('prendre.aucune_heure')}</p>
          ) : (
            <>
              <p>{t('prendre.heure_aide')}</p>
              {current.days.map((day) => (
                <section key={day.day} aria-labelledby={`jour-${day.day}`}>
                  <h3 id={`jour-${day.day}`}>{formatWeekday(language, new Date(`${day.day}T12:00:00Z`), timeZone)}</h3>
                  <ul className="portail-heures">
                    {day.slots.map((slot) => (
                      <li key={slot.value}>
                        <button type="submit" name="creneau" value={slot.value} className="portail-bouton portail-bouton--second">
                          {t('prendre.creneau', {
                            heure: formatTime(language, new Date(slot.start), timeZone),
                            lieu: slot.siteName,
                            nom: slot.agentName,
                          })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          )}
          <p className="portail-actions">
            {current.previous && (
              <a href={`/mon-espace/rendez-vous/prendre?motif=${current.motif.id}&a_partir=${current.previous}`}>
                {t('prendre.precedentes')}
              </a>
            )}{' '}
            <a href={`/mon-espace/rendez-vous/prendre?motif=${current.motif.id}&a_partir=${current.next}`}>{t('prendre.suivantes')}</a>
          </p>
        </form>
      )}
    </PortalFrame>
  );
}
