// « Mes rendez-vous » (portail) : les prochains, quand, où, avec qui, quoi savoir ; un lien pour annuler tant qu'il est
// temps ; puis les derniers passés. En mots simples, dans la langue choisie, sans JavaScript.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.rendez-vous';
import { requireResident } from '../../../platform/authorize.server';
import { formatDateTime, type PortalKey } from '../../portal/i18n';
import { helpOf } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, PortalFrame } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { myAppointments } from '../my-appointments.server';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'rendez_vous.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const booked = new URL(args.request.url).searchParams.has('pris');
  return { ...(await myAppointments(scope)), booked, help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number];

function AppointmentCard({ item, upcoming }: { item: Item; upcoming: boolean }) {
  const { t, language, timeZone } = usePortal();
  return (
    <li className="portail-carte">
      <h3>{item.motifName}</h3>
      <p>{t('rendez_vous.le', { date: formatDateTime(language, new Date(item.startsAt), timeZone) })}</p>
      {item.agentName && <p>{t('rendez_vous.avec', { name: item.agentName })}</p>}
      <p>{t('rendez_vous.ou', { place: item.where })}</p>
      {upcoming && item.earlierWanted && <p>{t('rendez_vous.plus_tot_demande')}</p>}
      <p>
        <strong>{t(`rendez_vous.etats.${item.status}` as PortalKey)}</strong>
      </p>
      {upcoming && item.instructions && item.status === 'prevu' && (
        <p>
          <strong>{t('rendez_vous.consignes')}</strong> {item.instructions}
        </p>
      )}
      {upcoming &&
        item.status === 'prevu' &&
        (item.cancelPath ? <a href={item.cancelPath}>{t('rendez_vous.annuler')}</a> : <p>{t('rendez_vous.trop_tard')}</p>)}
    </li>
  );
}

export default function MyAppointments() {
  const { upcoming, past, canBook, booked, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t } = usePortal();
  return (
    <PortalFrame path="/mon-espace/rendez-vous" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('rendez_vous.titre')}</h1>
      {booked && (
        <div className="portail-alerte" role="status">
          <p>
            <strong>{t('prendre.fait')}</strong>
          </p>
          <p>{t('prendre.fait_message')}</p>
        </div>
      )}
      {canBook && (
        <p>
          <a className="portail-bouton" href="/mon-espace/rendez-vous/prendre">
            {t('rendez_vous.prendre')}
          </a>
        </p>
      )}
      {upcoming.length === 0 && past.length === 0 && <p>{t('rendez_vous.vide')}</p>}
      {upcoming.length > 0 && (
        <section aria-labelledby="a-venir">
          <h2 id="a-venir">{t('rendez_vous.a_venir')}</h2>
          <ul className="portail-liste">
            {upcoming.map((item) => (
              <AppointmentCard key={item.id} item={item} upcoming />
            ))}
          </ul>
        </section>
      )}
      {past.length > 0 && (
        <section aria-labelledby="passes">
          <h2 id="passes">{t('rendez_vous.passes')}</h2>
          <ul className="portail-liste">
            {past.map((item) => (
              <AppointmentCard key={item.id} item={item} upcoming={false} />
            ))}
          </ul>
        </section>
      )}
    </PortalFrame>
  );
}
