// « Mes ateliers » (portail) : ses inscriptions (garder une place proposée, ne plus venir), puis les prochains ateliers
// de la structure (quand, où, quoi apporter, les places libres) pour s'inscrire ou attendre une place. En mots
// simples, dans la langue choisie, un bouton par geste, sans JavaScript.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/mon-espace.ateliers';
import { requireResident } from '../../../platform/authorize.server';
import { CsrfField } from '../../../ui/form';
import { formatDateTime, type PortalKey } from '../../portal/i18n';
import { helpOf, type ResidentScope } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, PortalFrame } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { changeSelf, myRegistrations, registerSelf, upcomingForPerson, type PersonScope } from '../my-workshops.server';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'ateliers.titre');

const asPerson = ({ tx, resident, now }: ResidentScope): PersonScope => ({
  tx,
  structureId: resident.structureId,
  personId: resident.personId,
  now,
});

const DONE = ['inscrit', 'attente', 'desinscrire', 'garder'] as const;

async function page(scope: ResidentScope) {
  const person = asPerson(scope);
  const [mine, upcoming] = await Promise.all([myRegistrations(person), upcomingForPerson(person)]);
  const ATTENDED = ['present', 'absent', 'excuse'];
  return {
    mine: mine
      .filter((r) => r.startsAt > scope.now || ATTENDED.includes(r.status))
      .slice(0, 20)
      .map((r) => ({
        id: r.id,
        title: r.title,
        startsAt: r.startsAt.toISOString(),
        place: [r.placeName, r.placeStreet, r.placeCity].filter(Boolean).join(', '),
        status: r.cancelledAt ? 'annulee' : r.status,
        offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
        upcoming: r.startsAt > scope.now && !r.cancelledAt,
      })),
    attended: mine.some((r) => r.status === 'present'),
    upcoming: upcoming
      .filter((s) => !s.mine)
      .map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        level: s.level,
        toBring: s.toBring,
        prerequisites: s.prerequisites,
        startsAt: s.startsAt.toISOString(),
        place: [s.placeName, s.placeStreet, s.placeCity].filter(Boolean).join(', '),
        free: Math.max(0, s.capacity - s.seatsTaken),
      })),
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const done = new URL(args.request.url).searchParams.get('fait');
  return { ...(await page(scope)), done: DONE.find((d) => d === done) ?? null, problem: null as string | null };
}

const form = z.discriminatedUnion('geste', [
  z.object({ geste: z.enum(['inscrire', 'attendre']), seance: z.uuid() }),
  z.object({ geste: z.enum(['desinscrire', 'garder']), inscription: z.uuid() }),
]);

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const parsed = form.safeParse(Object.fromEntries(await args.request.formData()));
  const refuse = async (problem: string, status: number) => data({ ...(await page(scope)), done: null, problem }, { status });
  if (!parsed.success) return refuse('formulaire', 400);
  const person = asPerson(scope);
  const gesture = parsed.data;
  if ('seance' in gesture) {
    const outcome = await registerSelf(person, gesture.seance, gesture.geste === 'attendre');
    if (!outcome.ok) return refuse(outcome.reason, 409);
    throw redirect(`/mon-espace/ateliers?fait=${outcome.status}`);
  }
  if (!(await changeSelf(person, gesture.inscription, gesture.geste))) return refuse('fermee', 409);
  throw redirect(`/mon-espace/ateliers?fait=${gesture.geste}`);
}

function Gesture({
  name,
  value,
  field,
  id,
  label,
  second,
}: {
  name: string;
  value: string;
  field: string;
  id: string;
  label: string;
  second?: boolean;
}) {
  return (
    <form method="post" className="portail-geste">
      <CsrfField />
      <input type="hidden" name={field} value={id} />
      <button type="submit" name={name} value={value} className={`portail-bouton${second ? ' portail-bouton--second' : ''}`}>
        {label}
      </button>
    </form>
  );
}

export default function MyWorkshops() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const current = result ?? loaded;
  const { t, language, timeZone } = usePortal();
  const when = (iso: string) => formatDateTime(language, new Date(iso), timeZone);
  return (
    <PortalFrame path="/mon-espace/ateliers" signedIn sharedComputer={current.sharedComputer} help={current.help}>
      <BackToSpace />
      <h1>{t('ateliers.titre')}</h1>
      <p>{t('ateliers.intro')}</p>
      {current.done && (
        <p className="portail-alerte" role="status">
          <strong>{t(`ateliers.fait.${current.done}` as PortalKey)}</strong>
        </p>
      )}
      {current.problem && (
        <p className="portail-alerte portail-alerte--erreur" role="alert">
          {t(`ateliers.erreurs.${current.problem}` as PortalKey)}
        </p>
      )}
      <section aria-labelledby="mes">
        <h2 id="mes">{t('ateliers.mes')}</h2>
        {current.mine.length === 0 ? (
          <p>{t('ateliers.aucune')}</p>
        ) : (
          <ul className="portail-liste">
            {current.mine.map((r) => (
              <li key={r.id} className="portail-carte">
                <h3>{r.title}</h3>
                <p>{t('ateliers.le', { date: when(r.startsAt) })}</p>
                <p>{t('ateliers.ou', { place: r.place })}</p>
                <p>
                  <strong>{t(`ateliers.etats.${r.status}` as PortalKey, { date: r.offerExpiresAt ? when(r.offerExpiresAt) : '' })}</strong>
                </p>
                {r.upcoming && r.status === 'proposee' && (
                  <>
                    <Gesture name="geste" value="garder" field="inscription" id={r.id} label={t('ateliers.garder')} />
                    <Gesture name="geste" value="desinscrire" field="inscription" id={r.id} label={t('ateliers.laisser')} second />
                  </>
                )}
                {r.upcoming && (r.status === 'inscrit' || r.status === 'attente') && (
                  <Gesture
                    name="geste"
                    value="desinscrire"
                    field="inscription"
                    id={r.id}
                    label={t(r.status === 'attente' ? 'ateliers.quitter' : 'ateliers.desinscrire')}
                    second
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {current.attended && (
          <p>
            <a href="/mon-espace/ateliers/attestation.pdf">{t('ateliers.attestation')}</a>
            <br />
            {t('ateliers.attestation_aide')}
          </p>
        )}
      </section>
      <section aria-labelledby="prochains">
        <h2 id="prochains">{t('ateliers.prochains')}</h2>
        {current.upcoming.length === 0 ? (
          <p>{t('ateliers.aucun_prochain')}</p>
        ) : (
          <ul className="portail-liste">
            {current.upcoming.map((s) => (
              <li key={s.id} className="portail-carte">
                <h3>{s.title}</h3>
                <p>{s.description}</p>
                <p>{t('ateliers.le', { date: when(s.startsAt) })}</p>
                <p>{t('ateliers.ou', { place: s.place })}</p>
                <p>{t('ateliers.niveau', { level: t(`ateliers.niveaux.${s.level}` as PortalKey) })}</p>
                {s.toBring && <p>{t('ateliers.apporter', { items: s.toBring })}</p>}
                {s.prerequisites && <p>{t('ateliers.avant', { text: s.prerequisites })}</p>}
                {s.free > 0 ? (
                  <>
                    <p>{t('ateliers.places', { count: s.free })}</p>
                    <Gesture name="geste" value="inscrire" field="seance" id={s.id} label={t('ateliers.inscrire')} />
                  </>
                ) : (
                  <>
                    <p>{t('ateliers.complet')}</p>
                    <Gesture name="geste" value="attendre" field="seance" id={s.id} label={t('ateliers.attendre')} second />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalFrame>
  );
}
