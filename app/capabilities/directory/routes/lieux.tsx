import { Form, Link, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/lieux';
import { organisationOptions, typologyLabel } from '../labels';
import { listPlaceNames } from '../places.server';
import { formatDistance, needValue, PAGE_SIZE, parseSearch, RADII } from '../rules';
import { searchPlaces } from '../search-places.server';
import { MyPosition } from '../ui/my-position';
import { OpeningStatusLine } from '../ui/opening';
import { ACCESS_MODES, FEES, PUBLICS, SERVICES, SPECIFIC_SUPPORT, SUPPORT_MODES } from '../vocabulary';
import { TYPOLOGY_LABELS } from '../../administration/typologies';
import { catalogIn } from '../../reception/organisations.server';
import { readPersonSummary } from '../../reception/person-summary.server';
import { THEMES } from '../../../vocabulary/coop';
import { requireAgent } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { Notice, SelectField, TextField } from '../../../ui/form';
import { Pagination } from '../../../ui/pagination';

export const meta: Route.MetaFunction = () => [{ title: 'Annuaire des lieux — Relais' }];

const asOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const TYPOLOGY_CODES = Object.keys(TYPOLOGY_LABELS);

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'lieux.consulter');
  const agent = ctx.actor;
  const url = new URL(args.request.url);
  const catalog = await catalogIn(ctx.tx);
  const { search, notices } = parseSearch(url.searchParams, catalog, TYPOLOGY_CODES);
  const result = await searchPlaces(ctx, search);
  const startingPoints = await listPlaceNames(ctx);
  // Venu de « Orienter » depuis la fiche d'une personne : chaque lieu trouvé offre « Orienter ici ».
  const pour = z.uuid().safeParse(url.searchParams.get('pour'));
  const person = pour.success && can(agent, 'orientations.envoyer') ? await readPersonSummary(ctx, pour.data) : null;
  return {
    orientFor: person ? { id: person.id, label: person.label } : null,
    query: Object.fromEntries(url.searchParams),
    search: { ...search, need: search.need ? needValue(search.need) : undefined },
    notices: [...notices, ...result.notices],
    total: result.total,
    page: result.page,
    pages: result.pages,
    origin: result.origin?.label ?? null,
    hits: result.hits.map((hit) => ({
      ...hit,
      typologies: hit.typologies.map(typologyLabel),
      distance: hit.distanceKm === null ? null : formatDistance(hit.distanceKm),
    })),
    needGroups: [
      {
        label: 'Démarches auprès d’un organisme',
        options: organisationOptions(catalog).map((o) => ({ value: `organisme:${o.value}`, label: `Démarches ${o.label}` })),
      },
      { label: 'Services (schéma national)', options: SERVICES.map((s) => ({ value: `service:${s}`, label: s })) },
      {
        label: 'Thématiques administratives',
        options: Object.entries(THEMES).map(([value, label]) => ({ value: `thematique:${value}`, label })),
      },
    ],
    startingPoints: startingPoints.filter((p) => p.latitude !== null).map((p) => ({ value: `lieu:${p.id}`, label: p.name })),
    canManage: can(agent, 'lieux.gerer'),
  };
}

export default function Annuaire() {
  const data = useLoaderData<typeof loader>();
  const { search } = data;
  const pageLink = (page: number) => `?${new URLSearchParams({ ...data.query, page: String(page) })}`;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Annuaire des lieux</h1>
      <p>Les lieux du territoire qui aident aux démarches et au numérique : pour orienter une personne vers celui qui lui convient.</p>
      {data.canManage && (
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-3w">
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/lieux/nouveau">
              Ajouter un lieu
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to="/lieux/importer">
              Importer un fichier
            </Link>
          </li>
        </ul>
      )}
      {data.notices.map((notice) => (
        <Notice key={notice} kind="warning" title={notice} />
      ))}
      {data.orientFor && (
        <p>
          Pour orienter <Link to={`/personnes/${data.orientFor.id}`}>{data.orientFor.label}</Link> : choisissez un lieu puis « Orienter ici
          ».
        </p>
      )}
      <Form method="get" className="fr-mb-4w" id="recherche-lieux">
        {data.orientFor && <input type="hidden" name="pour" value={data.orientFor.id} />}
        <fieldset className="fr-fieldset relais-filters">
          <legend className="fr-fieldset__legend">Chercher un lieu</legend>
          <SelectField
            name="besoin"
            label="Besoin"
            options={[]}
            groups={data.needGroups}
            placeholder="Tous les besoins"
            defaultValue={search.need}
          />
          <SelectField
            name="depuis"
            label="Distance depuis"
            options={[
              { value: 'structure', label: 'Notre structure' },
              ...(search.from?.kind === 'position' ? [{ value: 'position', label: 'Ma position' }] : []),
              ...data.startingPoints,
            ]}
            placeholder="Sans distance"
            defaultValue={search.from?.kind === 'lieu' ? `lieu:${search.from.placeId}` : search.from?.kind}
          />
          <SelectField
            name="rayon"
            label="Dans un rayon de"
            options={RADII.map((r) => ({ value: String(r), label: `${r} km` }))}
            placeholder="Peu importe"
            defaultValue={search.radiusKm ? String(search.radiusKm) : undefined}
          />
          <SelectField
            name="ouvert"
            label="Ouverture"
            options={[
              { value: 'maintenant', label: 'Ouvert maintenant' },
              { value: 'jour', label: 'Ouvert le jour choisi' },
            ]}
            placeholder="Peu importe"
            defaultValue={search.open?.kind}
          />
          <TextField
            name="jour"
            label="Jour (ouvert le jour choisi)"
            type="date"
            defaultValue={search.open?.kind === 'jour' ? search.open.day : data.query.jour}
          />
          <SelectField
            name="public"
            label="Public"
            options={asOptions(PUBLICS)}
            placeholder="Tous les publics"
            defaultValue={search.public}
          />
          <SelectField
            name="prise_en_charge"
            label="Prise en charge"
            options={asOptions(SPECIFIC_SUPPORT)}
            placeholder="Aucune en particulier"
            defaultValue={search.specificSupport}
          />
          <SelectField name="frais" label="Frais" options={asOptions(FEES)} placeholder="Peu importe" defaultValue={search.fees} />
          <SelectField
            name="modalite"
            label="Modalité"
            options={[]}
            groups={[
              { label: "Modalités d'accès", options: asOptions(ACCESS_MODES) },
              { label: "Modalités d'accompagnement", options: asOptions(SUPPORT_MODES) },
            ]}
            placeholder="Peu importe"
            defaultValue={search.modality}
          />
          <SelectField
            name="typologie"
            label="Typologie"
            options={Object.entries(TYPOLOGY_LABELS)
              .map(([value, label]) => ({ value, label }))
              .sort((a, b) => a.label.localeCompare(b.label, 'fr'))}
            placeholder="Toutes"
            defaultValue={search.typology}
          />
          <TextField name="q" label="Nom ou commune" type="search" defaultValue={search.q} />
          <div className="relais-filters__actions">
            <MyPosition form="recherche-lieux" initial={search.from?.kind === 'position' ? search.from : null} />
            <button className="fr-btn" type="submit">
              Chercher
            </button>{' '}
            <Link className="fr-btn fr-btn--tertiary" to={data.orientFor ? `/lieux?pour=${data.orientFor.id}` : '/lieux'}>
              Effacer les filtres
            </Link>
          </div>
        </fieldset>
      </Form>
      <h2 aria-live="polite">
        {data.total === 0
          ? 'Aucun lieu ne correspond'
          : `${data.total.toLocaleString('fr-FR')} lieu${data.total > 1 ? 'x' : ''}${data.origin ? `, du plus proche au plus loin de ${data.origin}` : ''}`}
      </h2>
      {data.total === 0 && <p>Élargissez la recherche : retirez un filtre ou augmentez le rayon.</p>}
      <ol className="relais-results" start={(data.page - 1) * PAGE_SIZE + 1}>
        {data.hits.map((hit) => (
          <li key={hit.id}>
            <h3 className="fr-h6 fr-mb-1v">
              <Link to={`/lieux/${hit.id}`}>{hit.name}</Link>
            </h3>
            <p className="fr-mb-1v">
              {[hit.typologies.join(', '), `${hit.street}, ${hit.postalCode} ${hit.city}`, hit.distance ? `à ${hit.distance}` : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {hit.selfService && <p className="fr-text--sm fr-mb-1v">En libre-service : personne pour aider sur place.</p>}
            {hit.status && <OpeningStatusLine status={hit.status} />}
            {hit.phone && <p className="fr-text--sm fr-mb-1v">Téléphone : {hit.phone}</p>}
            {data.orientFor && (
              <p className="fr-mb-1v">
                <Link to={`/personnes/${data.orientFor.id}/orienter?lieu=${hit.id}`}>
                  Orienter {data.orientFor.label} ici<span className="fr-sr-only"> : {hit.name}</span>
                </Link>
              </p>
            )}
          </li>
        ))}
      </ol>
      {data.pages > 1 && <Pagination page={data.page} hasNext={data.page < data.pages} href={pageLink} label="Pages de résultats" />}
      <p className="fr-mt-4w">
        Exporter l'annuaire au format national :{' '}
        <a href="/lieux/export/lieux.csv" download>
          CSV
        </a>{' '}
        ·{' '}
        <a href="/lieux/export/lieux.json" download>
          JSON
        </a>
      </p>
    </div>
  );
}
