// « Mes papiers » (portail) : les papiers rangés et leur date de fin, les voir, en détruire un ; les envois à des
// organismes, les arrêter ou renvoyer un code ; et qui a ouvert quoi (« La CAF a ouvert votre avis d'impôt le … »).
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.papiers';
import { requireResident } from '../../../platform/authorize.server';
import { isId } from '../../../platform/http.server';
import { today } from '../../../platform/time';
import { CsrfField } from '../../../ui/form';
import { formatDate, formatDateTime, type PortalKey } from '../../portal/i18n';
import { helpOf } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, PortalFrame } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { myPapers, removeMyPaper, renewMyShareCode, stopMyShare } from '../my-papers.server';
import { validityOf } from '../rules';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'papiers.titre');

const DONE = ['accord', 'ajoute', 'retire', 'arrete'] as const;
type Done = (typeof DONE)[number];

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const { open, documents, shares } = await myPapers(scope);
  const on = today(scope.now);
  const kindOf = new Map(documents.map((d) => [d.id, d.kind]));
  const done = new URL(args.request.url).searchParams.get('fait');
  return {
    open,
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as Done) : null,
    documents: documents
      .filter((d) => !d.removedAt)
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        expiresOn: d.expiresOn,
        validity: validityOf(d.expiresOn, on),
        createdAt: d.createdAt,
      })),
    shares: shares.map((share) => ({
      ...share,
      kinds: share.documentIds.map((id) => kindOf.get(id) ?? null),
      events: share.events.map((e) => ({ ...e, kind: kindOf.get(e.documentId) ?? null })),
    })),
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData();
  const intent = form.get('intent');
  const target = form.get('id');
  if (!isId(target)) return data({ problem: 'introuvable' as const, code: null }, { status: 400 });
  if (intent === 'retirer') {
    if (!(await removeMyPaper(scope, target))) return data({ problem: 'introuvable' as const, code: null }, { status: 404 });
    throw redirect('/mon-espace/papiers?fait=retire');
  }
  if (intent === 'arreter') {
    if (!(await stopMyShare(scope, target))) return data({ problem: 'introuvable' as const, code: null }, { status: 404 });
    throw redirect('/mon-espace/papiers?fait=arrete');
  }
  if (intent === 'code') {
    const renewed = await renewMyShareCode(scope, target);
    if (!renewed) return data({ problem: 'introuvable' as const, code: null }, { status: 404 });
    return { problem: null, code: renewed.code };
  }
  return data({ problem: 'introuvable' as const, code: null }, { status: 400 });
}

/** Un bouton seul dans son formulaire (détruire, arrêter, nouveau code) ; le lecteur d'écran entend sur quoi il agit. */
function IntentButton(props: { intent: string; id: string; label: string; what: string; second?: boolean; help?: string }) {
  const helpId = props.help ? `${props.intent}-${props.id}` : undefined;
  return (
    <form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="id" value={props.id} />
      <button type="submit" className={`portail-bouton${props.second ? ' portail-bouton--second' : ''}`} aria-describedby={helpId}>
        {props.label}
        <span className="portail-lecteur"> : {props.what}</span>
      </button>
      {props.help && (
        <span className="portail-aide-champ" id={helpId}>
          {props.help}
        </span>
      )}
    </form>
  );
}

const kindLabel = (t: (key: PortalKey) => string, kind: string | null) =>
  kind ? t(`papiers.types.${kind}` as PortalKey) : t('papiers.papier_retire');

export default function MyPapers() {
  const { open, done, documents, shares, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, timeZone } = usePortal();
  const day = (value: Date | string) => formatDate(language, new Date(value), timeZone);
  const dayOf = (iso: string) => formatDate(language, new Date(`${iso}T12:00:00Z`), 'UTC');
  const openings = shares.flatMap((share) => share.events.map((event) => ({ ...event, who: share.recipientName })));
  return (
    <PortalFrame path="/mon-espace/papiers" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('papiers.titre')}</h1>
      <p>{t('papiers.intro')}</p>
      {done && (
        <p className="portail-alerte" role="status">
          {t(`papiers.fait.${done}`)}
        </p>
      )}
      {result?.code && (
        <p className="portail-alerte" role="status">
          {t('papiers.fait.code', { code: `${result.code.slice(0, 3)} ${result.code.slice(3)}` })}
        </p>
      )}
      {result?.problem && (
        <p className="portail-alerte portail-alerte--erreur" role="alert">
          {t('papiers.erreurs.introuvable')}
        </p>
      )}
      <ul className="portail-liste portail-menu">
        <li className="portail-carte">
          <a href="/mon-espace/papiers/ajouter">{t('papiers.ajouter')}</a>
        </li>
        {open && documents.length > 0 && (
          <li className="portail-carte">
            <a href="/mon-espace/papiers/partager">{t('papiers.partager')}</a>
          </li>
        )}
      </ul>

      <h2>{t('papiers.mes_papiers')}</h2>
      {documents.length === 0 ? (
        <p>{t('papiers.vide')}</p>
      ) : (
        <ul className="portail-liste">
          {documents.map((d) => (
            <li key={d.id} className="portail-carte">
              <h3>{kindLabel(t, d.kind)}</h3>
              <p className={d.validity === 'expire' || d.validity === 'bientot' ? 'portail-alerte' : undefined}>
                {d.expiresOn
                  ? t(`papiers.${d.validity === 'sans_fin' ? 'valide' : d.validity}`, { date: dayOf(d.expiresOn) })
                  : t('papiers.sans_fin')}
              </p>
              <p>{t('papiers.ajoute_le', { date: day(d.createdAt) })}</p>
              <p>
                <a href={`/mon-espace/papiers/${d.id}/fichier`}>
                  {t('papiers.voir')}
                  <span className="portail-lecteur"> : {kindLabel(t, d.kind)}</span>
                </a>
              </p>
              <IntentButton
                intent="retirer"
                id={d.id}
                label={t('papiers.retirer')}
                what={kindLabel(t, d.kind)}
                second
                help={t('papiers.retirer_aide')}
              />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('papiers.partages')}</h2>
      {shares.length === 0 ? (
        <p>{t('papiers.partages_vide')}</p>
      ) : (
        <ul className="portail-liste">
          {shares.map((share) => (
            <li key={share.id} className="portail-carte">
              <h3>
                {share.recipientEmail
                  ? t('papiers.partage_pour', { name: share.recipientName, email: share.recipientEmail })
                  : t('papiers.partage_pour_partenaire', { name: share.recipientName })}
              </h3>
              <p>{t('papiers.partage_papiers')}</p>
              <ul>
                {share.kinds.map((kind, index) => (
                  <li key={index}>{kindLabel(t, kind)}</li>
                ))}
              </ul>
              {share.status === 'actif' && (
                <p>{t('papiers.partage_actif', { date: formatDateTime(language, new Date(share.expiresAt), timeZone) })}</p>
              )}
              {share.status === 'expire' && <p>{t('papiers.partage_expire', { date: day(share.expiresAt) })}</p>}
              {share.status === 'retire' && <p>{t('papiers.partage_retire', { date: day(share.revokedAt!) })}</p>}
              {share.status === 'actif' && share.blocked && <p className="portail-alerte">{t('papiers.partage_bloque')}</p>}
              {share.status === 'actif' && (
                <div className="portail-actions">
                  <IntentButton intent="arreter" id={share.id} label={t('papiers.arreter')} what={share.recipientName} />
                  {share.recipientKind === 'organisme' && (
                    <IntentButton intent="code" id={share.id} label={t('papiers.nouveau_code')} what={share.recipientName} second />
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('papiers.ouvertures')}</h2>
      {openings.length === 0 ? (
        <p>{t('papiers.ouvertures_vide')}</p>
      ) : (
        <ul>
          {openings.map((opening, index) => (
            <li key={index}>
              {t(opening.action === 'telecharge' ? 'papiers.ouverture_telecharge' : 'papiers.ouverture_vu', {
                who: opening.who,
                paper: kindLabel(t, opening.kind),
                date: formatDateTime(language, new Date(opening.at), timeZone),
              })}
            </li>
          ))}
        </ul>
      )}
      <p>
        {t('papiers.agents')} <a href="/mon-espace/mes-donnees">{t('accueil.donnees')}</a>
      </p>
    </PortalFrame>
  );
}
