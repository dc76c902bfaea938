import { Form, Link, redirect, useLoaderData } from 'react-router';
import type { Route } from './+types/lieux.$id';
import { themeLabel, typologyLabel } from '../labels';
import { openingStatus, weekSchedule } from '../opening-hours';
import { readPlace, readStructureName, setPlaceActive } from '../places.server';
import { OpeningStatusLine, WeekSchedule } from '../ui/opening';
import { organisationLabels } from '../../reception/organisations';
import { catalogIn } from '../../reception/organisations.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { CsrfField, Notice } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { PLACE_NOT_FOUND } from '../errors';
import { selfServiceOnly } from '../rules';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.place.name ?? 'Lieu'} — Annuaire — Relais` }];

const day = dateFormat({ dateStyle: 'long' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'lieux.consulter');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const id = requireIdParam(args.params.id, PLACE_NOT_FOUND);
  const place = await readPlace(ctx, id);
  if (!place) throw notFound(PLACE_NOT_FOUND);
  const now = services.now();
  const labels = organisationLabels(await catalogIn(ctx.tx));
  // Le nom du partenaire seul, sans relire la liste de toutes les structures.
  const partnerName = place.partnerStructureId ? await readStructureName(ctx, place.partnerStructureId) : null;
  const params = new URL(args.request.url).searchParams;
  return {
    place,
    typologies: place.typologies.map(typologyLabel),
    organisations: place.organisations.map((code) => labels[code] ?? code),
    themes: place.themes.map(themeLabel),
    status: openingStatus(place.openingHours, now),
    week: place.openingHours ? weekSchedule(place.openingHours, now).map((d) => ({ ...d, date: d.date.toISOString() })) : null,
    updatedOn: day.format(new Date(`${place.updatedOn}T12:00:00`)),
    canManage: can(agent, 'lieux.gerer'),
    partnerName,
    notice: params.has('enregistre')
      ? 'Lieu enregistré.'
      : params.has('retire')
        ? "Lieu retiré de l'annuaire."
        : params.has('remis')
          ? "Lieu remis dans l'annuaire."
          : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const id = requireIdParam(args.params.id, PLACE_NOT_FOUND);
  const active = (await args.request.formData()).get('actif');
  if (active !== 'oui' && active !== 'non') throw notFound(PLACE_NOT_FOUND);
  const changed = await setPlaceActive(ctx, id, active === 'oui');
  if (!changed) throw notFound(PLACE_NOT_FOUND);
  return redirect(`/lieux/${id}?${active === 'oui' ? 'remis' : 'retire'}=1`);
}

function Facts({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd>
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export default function Lieu() {
  const { place, typologies, organisations, themes, status, week, updatedOn, canManage, partnerName, notice } =
    useLoaderData<typeof loader>();
  const mapLink =
    place.latitude !== null && place.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${place.latitude}&mlon=${place.longitude}#map=17/${place.latitude}/${place.longitude}`
      : null;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/lieux">← Annuaire</Link>
      </p>
      {notice && <Notice kind="success" title={notice} />}
      <h1>{place.name}</h1>
      {!place.active && <Notice kind="warning" title="Ce lieu est retiré de l'annuaire : il ne se propose plus dans les recherches." />}
      {typologies.length > 0 && <p className="fr-text--lead">{typologies.join(' · ')}</p>}
      {status && <OpeningStatusLine status={status} />}
      {place.summary && <p>{place.summary}</p>}
      {partnerName && <p>Partenaire sur Relais : {partnerName} reçoit les orientations vers ce lieu et dit ce qu'il en est advenu.</p>}
      {place.receptionSite && <p>Lieu d'accueil de la structure : on le choisit en notant une sollicitation.</p>}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="coordonnees">
          <h2 id="coordonnees" className="fr-h4">
            Adresse et contact
          </h2>
          <address>
            {place.street}
            {place.addressComplement && (
              <>
                <br />
                {place.addressComplement}
              </>
            )}
            <br />
            {place.postalCode} {place.city}
          </address>
          <ul className="relais-plain-list fr-mt-2w">
            {place.phone && (
              <li>
                Téléphone : <a href={`tel:${place.phone.replace(/[^\d+]/g, '')}`}>{place.phone}</a>
              </li>
            )}
            {place.emails.map((email) => (
              <li key={email}>
                Courriel : <a href={`mailto:${email}`}>{email}</a>
              </li>
            ))}
            {place.websites.map((site) => (
              <li key={site}>
                Site : <a href={site}>{site.replace(/^https?:\/\//, '')}</a>
              </li>
            ))}
            {place.bookingUrl && (
              <li>
                <a href={place.bookingUrl}>Prendre rendez-vous en ligne</a>
              </li>
            )}
            {place.accessibilityUrl && (
              <li>
                <a href={place.accessibilityUrl}>Accessibilité du lieu (Acceslibre)</a>
              </li>
            )}
            {mapLink && (
              <li>
                <a href={mapLink}>Voir sur une carte (OpenStreetMap)</a>
              </li>
            )}
          </ul>
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="horaires">
          <h2 id="horaires" className="fr-h4">
            Horaires des sept prochains jours
          </h2>
          {week ? <WeekSchedule days={week} /> : <p>Horaires non renseignés : téléphonez avant de vous déplacer.</p>}
        </section>
      </div>
      <section aria-labelledby="offre" className="fr-mt-4w">
        <h2 id="offre" className="fr-h4">
          Ce que le lieu propose
        </h2>
        <dl className="relais-facts">
          <Facts title="Services" items={place.services} />
          <Facts
            title={
              selfServiceOnly(place.supportModes) ? 'Démarches à faire seul (libre-service, sans accompagnement)' : 'Démarches accompagnées'
            }
            items={organisations}
          />
          <Facts title="Thématiques" items={themes} />
          <Facts title="Publics spécifiquement adressés" items={place.publics} />
          <Facts title="Prises en charge spécifiques" items={place.specificSupport} />
          <Facts title="Frais à charge" items={place.fees} />
          <Facts title="Modalités d'accès" items={place.accessModes} />
          <Facts title="Modalités d'accompagnement" items={place.supportModes} />
          <Facts title="Itinérance" items={place.itinerance} />
          <Facts title="Dispositifs et programmes nationaux" items={place.nationalProgrammes} />
          <Facts title="Formations et labels" items={[...place.trainingLabels, ...place.otherLabels]} />
        </dl>
        {place.description && <p className="fr-mt-2w">{place.description}</p>}
      </section>
      <p className="fr-text--sm fr-mt-4w">
        Mis à jour le {updatedOn}
        {place.source ? ` · source : ${place.source}` : ''} · identifiant national : {place.nationalId}
      </p>
      {canManage && (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Link className="fr-btn" to={`/lieux/${place.id}/modifier`}>
              Modifier le lieu
            </Link>
          </li>
          <li>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="actif" value={place.active ? 'non' : 'oui'} />
              <button className="fr-btn fr-btn--secondary" type="submit">
                {place.active ? "Retirer de l'annuaire" : "Remettre dans l'annuaire"}
              </button>
            </Form>
          </li>
        </ul>
      )}
    </div>
  );
}
