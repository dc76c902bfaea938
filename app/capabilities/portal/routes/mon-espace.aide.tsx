// « Trouver de l'aide près de chez moi » : l'annuaire de la structure en mots simples. Un formulaire GET (sans
// JavaScript) : pour quel organisme, ouvert maintenant ou non, dans quelle commune ; les lieux les plus proches de
// l'accueil de la structure d'abord, ou de la personne si elle le demande (« Chercher près de moi », avec JavaScript).
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.aide';
import { requireResident } from '../../../platform/authorize.server';
import { formatDistance } from '../../directory/rules';
import { searchPlaces } from '../../directory/search-places.server';
import { ORGANISATIONS } from '../../reception/vocabulary';
import type { PortalKey } from '../i18n';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';
import { useNonce } from '../../../ui/nonce';

/** Le seul script de la page : lit la position (avec l'accord demandé par le navigateur) et relance la recherche. */
const NEAR_ME = `(function(){var b=document.getElementById('pres-de-moi');if(!b||!('geolocation' in navigator))return;b.hidden=false;var s=b.querySelector('[role=status]'),f=document.getElementById('recherche');b.querySelector('button').addEventListener('click',function(){s.textContent=s.dataset.cherche;navigator.geolocation.getCurrentPosition(function(p){['lat','lon'].forEach(function(n,i){var e=f.querySelector('input[name='+n+']');if(!e){e=document.createElement('input');e.type='hidden';e.name=n;f.appendChild(e)}e.value=(i?p.coords.longitude:p.coords.latitude).toFixed(3)});f.submit()},function(){s.textContent=s.dataset.erreur},{timeout:10000,maximumAge:60000})})})()`;

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'trouver.titre');

/** Les organismes que la personne peut choisir : ceux de la liste nationale, dits en mots simples (sauf « Autre »). */
const NEEDS = Object.keys(ORGANISATIONS).filter((code) => code !== 'autre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const params = new URL(args.request.url).searchParams;
  const need = NEEDS.find((code) => code === params.get('besoin')) ?? null;
  const commune = (params.get('commune') ?? '').trim().slice(0, 80);
  const openNow = params.get('ouvert') === 'oui';
  const position = positionOf(params.get('lat'), params.get('lon'));
  const result = await searchPlaces(
    { tx: scope.tx, now: scope.now, actor: { structureId: scope.resident.structureId } },
    {
      q: commune || undefined,
      need: need ? { kind: 'organisme', value: need } : undefined,
      open: openNow ? { kind: 'maintenant' } : undefined,
      from: position ? { kind: 'position', ...position } : { kind: 'structure' },
      page: 1,
    },
  );
  return {
    search: { need, commune, openNow, position },
    total: result.total,
    places: result.hits.map((hit) => ({
      id: hit.id,
      name: hit.name,
      address: `${hit.street}, ${hit.postalCode} ${hit.city}`,
      phone: hit.phone,
      selfService: hit.selfService,
      open: hit.status?.open ?? null,
      distance: hit.distanceKm === null ? null : formatDistance(hit.distanceKm),
    })),
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

/** La position envoyée par « Chercher près de moi » (jamais gardée : elle ne sert qu'à ranger les lieux). */
function positionOf(lat: string | null, lon: string | null) {
  const latitude = Number(lat);
  const longitude = Number(lon);
  return lat && lon && Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    ? { latitude, longitude }
    : null;
}

export default function PortalFindHelp() {
  const { search, total, places, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t } = usePortal();
  const nonce = useNonce();
  return (
    <PortalFrame path="/mon-espace/aide" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('trouver.titre')}</h1>
      <p>{t('trouver.intro')}</p>
      <form method="get" className="portail-carte" id="recherche">
        {search.position && (
          <>
            <input type="hidden" name="lat" value={search.position.latitude} />
            <input type="hidden" name="lon" value={search.position.longitude} />
          </>
        )}
        <div className="portail-champ">
          <label htmlFor="besoin">{t('trouver.besoin')}</label>
          <select id="besoin" name="besoin" defaultValue={search.need ?? ''}>
            <option value="">{t('trouver.tout')}</option>
            {NEEDS.map((code) => (
              <option key={code} value={code}>
                {t(`organismes.${code}` as PortalKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="portail-champ">
          <label htmlFor="commune">
            {t('trouver.commune')}
            <span className="portail-aide-champ">{t('trouver.commune_aide')}</span>
          </label>
          <input type="text" id="commune" name="commune" defaultValue={search.commune} maxLength={80} autoComplete="address-level2" />
        </div>
        <div className="portail-case">
          <input type="checkbox" id="ouvert" name="ouvert" value="oui" defaultChecked={search.openNow} />
          <label htmlFor="ouvert">{t('trouver.ouvert')}</label>
        </div>
        <button type="submit" className="portail-bouton">
          {t('trouver.chercher')}
        </button>
        {/* Avec JavaScript et un navigateur qui sait où il est : « près de moi » (sinon le bouton reste caché). */}
        <div id="pres-de-moi" hidden>
          <button type="button" className="portail-bouton portail-bouton--second" aria-describedby="position-aide">
            {t('trouver.position')}
          </button>
          <span className="portail-aide-champ" id="position-aide">
            {t('trouver.position_aide')}
          </span>
          <p role="status" data-cherche={t('trouver.position_cherche')} data-erreur={t('trouver.position_erreur')}></p>
        </div>
      </form>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: NEAR_ME }} />
      <h2>{t('trouver.resultats', { n: total })}</h2>
      {places.length === 0 ? (
        <p>{t('trouver.aucun')}</p>
      ) : (
        <ul className="portail-liste">
          {places.map((place) => (
            <li key={place.id} className="portail-carte">
              <h3>{place.name}</h3>
              <p>
                {place.address}
                {place.distance && (
                  <>
                    <br />
                    {t(search.position ? 'trouver.distance_vous' : 'trouver.distance', { distance: place.distance })}
                  </>
                )}
                {place.phone && (
                  <>
                    <br />
                    <a href={`tel:${place.phone.replace(/[^\d+]/g, '')}`}>{t('aide.telephone', { phone: place.phone })}</a>
                  </>
                )}
              </p>
              {place.open !== null && <p>{place.open ? t('aide.ouvert') : t('aide.ferme')}</p>}
              <p>{place.selfService ? t('trouver.seul') : t('trouver.accompagne')}</p>
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}
