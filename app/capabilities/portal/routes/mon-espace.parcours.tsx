// « Mon parcours » : ce que nous avons prévu ensemble (les étapes du plan et où elles en sont) et ma progression,
// diagnostic après diagnostic, en barres lisibles sans JavaScript (et dites en mots pour les lecteurs d'écran).
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.parcours';
import { requireResident } from '../../../platform/authorize.server';
import { formatDate, type PortalKey } from '../i18n';
import { residentJourney } from '../my-journey.server';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'parcours.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return { journey: await residentJourney(scope), help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

export default function PortalJourney() {
  const { journey, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t, language, timeZone } = usePortal();
  const { steps, scores, progress } = journey;
  return (
    <PortalFrame path="/mon-espace/parcours" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('parcours.titre')}</h1>
      <h2>{t('parcours.plan')}</h2>
      {steps.length === 0 ? (
        <p>{t('parcours.plan_vide')}</p>
      ) : (
        <ul className="portail-liste">
          {steps.map((step) => (
            <li key={step.id} className="portail-carte">
              <h3>{step.label}</h3>
              <p>{t(`parcours.type.${step.kind}` as PortalKey)}</p>
              <p>
                <strong>{t(`parcours.etat.${step.status}` as PortalKey)}</strong>
                {step.dueOn && step.status !== 'faite' && step.status !== 'abandonnee' && (
                  <> {t('parcours.pour_le', { date: formatDate(language, new Date(`${step.dueOn}T12:00:00`), timeZone) })}</>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('parcours.progression')}</h2>
      {scores.length === 0 ? (
        <p>{t('parcours.progression_vide')}</p>
      ) : (
        <>
          <p>{t('parcours.progression_intro')}</p>
          <p>
            <a href="/mon-espace/parcours/bilan.pdf">{t('parcours.bilan')}</a>
          </p>
          <ul className="portail-liste">
            {scores.map((point, index) => (
              <li key={index} className="portail-barre">
                <span>{t('parcours.point', { date: formatDate(language, new Date(point.at), timeZone), score: point.score })}</span>
                {/* Une barre en SVG (ses attributs ne sont pas du style en ligne : la CSP les accepte). */}
                <svg className="portail-barre-fond" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect width="100" height="8" fill="#e3e3fd" />
                  <rect width={Math.max(1, point.score)} height="8" fill="#000091" />
                </svg>
              </li>
            ))}
          </ul>
          {progress !== null && (
            <p>
              <strong>
                {progress > 0
                  ? t('parcours.gagne', { n: progress })
                  : progress < 0
                    ? t('parcours.perdu', { n: -progress })
                    : t('parcours.pareil')}
              </strong>
            </p>
          )}
        </>
      )}
    </PortalFrame>
  );
}
