// « Les lieux où nous vous avons envoyé » : chaque orientation, pourquoi, quoi apporter, et la fiche à imprimer.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.orientations';
import { requireResident } from '../../../platform/authorize.server';
import { formatDate, formatDateTime } from '../i18n';
import { residentReferrals } from '../my-referrals.server';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'orientations.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return { referrals: await residentReferrals(scope), help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

export default function PortalReferrals() {
  const { referrals, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t, language, timeZone } = usePortal();
  return (
    <PortalFrame path="/mon-espace/orientations" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('orientations.titre')}</h1>
      {referrals.length === 0 ? (
        <p>{t('orientations.vide')}</p>
      ) : (
        <>
          <p>{t('orientations.intro')}</p>
          <ul className="portail-liste">
            {referrals.map((referral) => (
              <li key={referral.id} className="portail-carte">
                <h2>{referral.placeName}</h2>
                <p>{t('orientations.le', { date: formatDate(language, new Date(referral.createdAt), timeZone) })}</p>
                <p>
                  {referral.street}, {referral.postalCode} {referral.city}
                  {referral.phone && (
                    <>
                      <br />
                      <a href={`tel:${referral.phone.replace(/[^\d+]/g, '')}`}>{t('aide.telephone', { phone: referral.phone })}</a>
                    </>
                  )}
                </p>
                <p>
                  <strong>{t('orientations.pourquoi')}</strong> {referral.reason}
                </p>
                {referral.toBring && (
                  <p>
                    <strong>{t('orientations.apporter')}</strong> {referral.toBring}
                  </p>
                )}
                {referral.appointmentAt && (
                  <p>{t('orientations.rendez_vous', { date: formatDateTime(language, new Date(referral.appointmentAt), timeZone) })}</p>
                )}
                <a href={`/mon-espace/orientations/${referral.id}/fiche`}>{t('orientations.fiche', { place: referral.placeName })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </PortalFrame>
  );
}
