// Les sections de la page de pilotage : filtres, exports, charge des médiateurs, données ouvertes.
import { Form, Link } from 'react-router';
import { CsrfField, Notice, optionsOf, SelectField, TextField } from '../../../ui/form';
import { CardCell, CardRow, CardTable } from '../../../ui/card-table';
import { CHANNELS, LEVELS, MODE_LABELS, OUTCOMES } from '../../reception/vocabulary';
import { AGE_BANDS, THEMES } from '../../../vocabulary/coop';
import { FILTER_LABELS } from '../filters';
import { ExportLink } from './export-link';

type Option = { value: string; label: string };

export function FiltersForm({
  filters: f,
  whole,
  mediators,
  organisations,
  sites,
}: {
  filters: Record<string, string | undefined>;
  whole: boolean;
  mediators: Option[];
  organisations: Option[];
  /** Les lieux d'accueil de la structure ; le filtre ne se montre que s'il y en a. */
  sites: Option[];
}) {
  return (
    // Ouverts dès qu'un filtre est choisi ; le médiateur imposé au tableau personnel ne compte pas.
    <details className="fr-mb-3w" open={Object.keys(f).some((key) => key !== 'du' && key !== 'au' && (whole || key !== 'mediateur'))}>
      <summary>Filtres</summary>
      <Form method="get" className="relais-filters">
        <TextField name="du" label={FILTER_LABELS.du} type="date" defaultValue={f.du} />
        <TextField name="au" label={FILTER_LABELS.au} type="date" defaultValue={f.au} />
        {sites.length > 0 && (
          <SelectField name="lieu" label={FILTER_LABELS.lieu} options={sites} placeholder="Tous" defaultValue={f.lieu} />
        )}
        {whole && (
          <SelectField name="mediateur" label={FILTER_LABELS.mediateur} options={mediators} placeholder="Tous" defaultValue={f.mediateur} />
        )}
        <SelectField
          name="organisme"
          label={FILTER_LABELS.organisme}
          options={organisations}
          placeholder="Tous"
          defaultValue={f.organisme}
        />
        <SelectField
          name="thematique"
          label={FILTER_LABELS.thematique}
          options={optionsOf(THEMES)}
          placeholder="Toutes"
          defaultValue={f.thematique}
        />
        <SelectField name="niveau" label={FILTER_LABELS.niveau} options={optionsOf(LEVELS)} placeholder="Tous" defaultValue={f.niveau} />
        <SelectField name="mode" label={FILTER_LABELS.mode} options={optionsOf(MODE_LABELS)} placeholder="Tous" defaultValue={f.mode} />
        <SelectField
          name="resultat"
          label={FILTER_LABELS.resultat}
          options={optionsOf(OUTCOMES)}
          placeholder="Tous"
          defaultValue={f.resultat}
        />
        <SelectField name="canal" label={FILTER_LABELS.canal} options={optionsOf(CHANNELS)} placeholder="Tous" defaultValue={f.canal} />
        <SelectField name="age" label={FILTER_LABELS.age} options={optionsOf(AGE_BANDS)} placeholder="Toutes" defaultValue={f.age} />
        <TextField name="commune" label={FILTER_LABELS.commune} autoComplete="off" defaultValue={f.commune} />
        <p className="relais-filters__actions">
          <button className="fr-btn fr-mr-2w fr-mb-1w" type="submit">
            Appliquer les filtres
          </button>
          <Link className="fr-btn fr-btn--tertiary fr-mb-1w" to="/pilotage">
            Réinitialiser
          </Link>
        </p>
      </Form>
    </details>
  );
}

export function ExportLinks({ total, query, period, canReport }: { total: number; query: string; period: string; canReport: boolean }) {
  return (
    <section aria-labelledby="exports" className="fr-mb-4w">
      <h2 id="exports" className="fr-h5">
        Exporter la sélection ({total.toLocaleString('fr-FR')} sollicitation
        {total > 1 ? 's' : ''})
      </h2>
      <ul className="relais-exports">
        <li>
          <ExportLink href={`/pilotage/export/indicateurs.csv?${query}`} filename={`relais-indicateurs-${period}.csv`} expectedLines={null}>
            Indicateurs (CSV)
          </ExportLink>
        </li>
        <li>
          <ExportLink href={`/pilotage/export/pilotage.xlsx?${query}`} filename={`relais-pilotage-${period}.xlsx`} expectedLines={null}>
            Classeur : une feuille par indicateur et le détail anonyme (XLSX)
          </ExportLink>
        </li>
        <li>
          <ExportLink
            href={`/pilotage/export/sollicitations.csv?${query}`}
            filename={`relais-sollicitations-${period}.csv`}
            expectedLines={total + 1}
          >
            Détail anonyme des sollicitations (CSV)
          </ExportLink>
        </li>
        <li>
          <ExportLink href={`/pilotage/export/coop.csv?${query}`} filename={`relais-coop-${period}.csv`} expectedLines={total + 1}>
            Activités au format de la Coop de la médiation numérique : valeurs de son API (CSV, anonyme)
          </ExportLink>
        </li>
        <li>
          <ExportLink href={`/pilotage/export/coop.xlsx?${query}`} filename={`relais-coop-${period}.xlsx`} expectedLines={null}>
            Activités aux en-têtes de l'export de la Coop, pour les rapprocher (XLSX, anonyme)
          </ExportLink>
        </li>
      </ul>
      <p className="fr-text--sm">
        Fichiers pour Excel en français (point-virgule, UTF-8) ; les grandes périodes sont envoyées au fil de l'eau.
      </p>
      {canReport && (
        <p>
          <Link to="/pilotage/rapport-annuel">Rapport d'activité annuel pour le conseil d'administration (PDF)</Link>
        </p>
      )}
    </section>
  );
}

export interface WorkloadView {
  thresholdHours: number;
  saved: boolean;
  canSetThreshold: boolean;
  query: string;
  workload: Array<{
    mediatorId: string;
    name: string;
    average: string;
    averageCount: number;
    weeksAbove: number;
    weeks: number;
    last: string;
    alert: boolean;
  }>;
}

export function WorkloadSection({ d, error, value }: { d: WorkloadView; error?: string; value?: string }) {
  return (
    <section aria-labelledby="charge" className="fr-mt-4w">
      <h2 id="charge">Charge des médiateurs par semaine</h2>
      <p>
        Seuil d'alerte : <strong>{d.thresholdHours} h</strong> d'accompagnement par semaine. Le signal s'allume quand les 3 dernières
        semaines entières de la période le dépassent toutes ; la semaine en cours et les semaines entamées ne comptent pas.
      </p>
      {d.saved && <Notice kind="success" title="Seuil enregistré." />}
      <CardTable
        caption="Charge par médiateur sur la période"
        columns={[
          'Agent',
          'Moyenne par semaine',
          'Sollicitations par semaine',
          'Semaines au-dessus du seuil',
          '3 dernières semaines',
          'Signal',
        ]}
      >
        {d.workload.map((w) => (
          <CardRow key={w.mediatorId}>
            <CardCell header>{w.name}</CardCell>
            <CardCell label="Moyenne par semaine">{w.average}</CardCell>
            <CardCell label="Sollicitations par semaine">{w.averageCount.toLocaleString('fr-FR')}</CardCell>
            <CardCell label="Semaines au-dessus du seuil">
              {w.weeksAbove} sur {w.weeks}
            </CardCell>
            <CardCell label="3 dernières semaines">{w.last}</CardCell>
            <CardCell>
              {w.alert ? (
                <span className="fr-badge fr-badge--error">Surcharge durable</span>
              ) : (
                <span className="fr-badge fr-badge--success">Sous le seuil</span>
              )}
            </CardCell>
          </CardRow>
        ))}
      </CardTable>
      {d.canSetThreshold && (
        <Form method="post" className="fr-mt-2w" noValidate>
          <CsrfField />
          <input type="hidden" name="retour" value={d.query} />
          <TextField
            name="heures"
            label="Seuil d'alerte (heures par semaine)"
            type="number"
            inputMode="numeric"
            min={1}
            max={80}
            defaultValue={value ?? String(d.thresholdHours)}
            error={error}
          />
          <button className="fr-btn fr-btn--secondary" type="submit">
            Enregistrer le seuil
          </button>
        </Form>
      )}
    </section>
  );
}

export function OpenDataSection({ openData, notice }: { openData: { published: boolean; url: string }; notice: string | null }) {
  return (
    <section aria-labelledby="donnees-ouvertes" className="fr-mt-4w">
      <h2 id="donnees-ouvertes">Données ouvertes</h2>
      <p>
        Un fichier public de comptes mensuels par thématique, niveau, mode d'aide et résultat, sans aucune donnée personnelle : une case qui
        concerne moins de 5 personnes est masquée.
      </p>
      {notice === 'publiees' && <Notice kind="success" title="Les données ouvertes sont publiées." />}
      {notice === 'retirees' && <Notice kind="info" title="Les données ouvertes ne sont plus publiées." />}
      {openData.published ? (
        <p>
          Adresse publique : <a href={openData.url}>{openData.url}</a>
        </p>
      ) : (
        <p>Pas encore publiées.</p>
      )}
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="donnees" />
        <input type="hidden" name="publier" value={openData.published ? 'non' : 'oui'} />
        <button className="fr-btn fr-btn--secondary" type="submit">
          {openData.published ? 'Retirer la publication' : 'Publier les données ouvertes'}
        </button>
      </Form>
    </section>
  );
}
