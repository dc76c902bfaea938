// Le formulaire d'un lieu (création et modification) : les champs du schéma national, nommés comme ses
// colonnes, et ce que Relais y ajoute pour orienter. Fonctionne sans JavaScript.
import { Form } from 'react-router';
import { TYPOLOGY_LABELS } from '../../administration/typologies';
import { THEMES } from '../../../vocabulary/coop';
import { CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../../ui/form';
import { COLUMN_LABELS } from '../national-format';
import { OPENING_HOURS_EXAMPLE } from '../opening-hours';
import { MULTI_VALUE_FIELDS, SERVICES } from '../vocabulary';

export interface PlaceFormProps {
  values: Record<string, string[]>;
  errors: Record<string, string | undefined>;
  warnings: string[];
  organisations: Array<{ value: string; label: string }>;
  partners: Array<{ value: string; label: string }>;
  submitLabel: string;
}

const TYPOLOGIES = Object.entries(TYPOLOGY_LABELS)
  .map(([value, label]) => ({ value, label: `${label} (${value})` }))
  .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
const asOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const LABELS: Record<string, string> = {
  ...COLUMN_LABELS,
  organisations: 'Démarches accompagnées',
  themes: 'Thématiques',
  partenaire: 'Partenaire sur Relais',
};

export function PlaceForm({ values, errors, warnings, organisations, partners, submitLabel }: PlaceFormProps) {
  const one = (name: string) => values[name]?.[0] ?? '';
  const [mainTypology, ...otherTypologies] = values.typologie ?? [];
  const checks = (field: keyof typeof MULTI_VALUE_FIELDS) => {
    const { column, label, options } = MULTI_VALUE_FIELDS[field];
    return (
      <CheckboxGroup name={column} legend={label} options={asOptions(options)} defaultValues={values[column]} error={errors[column]} />
    );
  };
  return (
    <Form method="post" noValidate>
      <CsrfField />
      <ErrorSummary errors={errors} labels={LABELS} />
      {warnings.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert">
          <h2 className="fr-alert__title">À vérifier avant d'enregistrer</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p>Corrigez si besoin, ou enregistrez à nouveau pour confirmer.</p>
          <input type="hidden" name="avertissements_vus" value="oui" />
        </div>
      )}
      <h2 className="fr-h4">Le lieu</h2>
      <TextField name="nom" label={LABELS.nom!} required defaultValue={one('nom')} error={errors.nom} />
      <SelectField
        name="typologie"
        label="Typologie"
        hint="Typologie du schéma national"
        options={TYPOLOGIES}
        placeholder="Non renseignée"
        defaultValue={mainTypology}
        error={errors.typologie}
      />
      {otherTypologies.map((t) => (
        <input key={t} type="hidden" name="typologie" value={t} />
      ))}
      <TextField
        name="pivot"
        label={LABELS.pivot!}
        hint="SIRET (14 chiffres) ou numéro RNA ; 00000000000000 si vous ne le connaissez pas"
        required
        defaultValue={one('pivot') || '00000000000000'}
        error={errors.pivot}
      />
      <TextAreaField
        name="presentation_resume"
        label={LABELS.presentation_resume!}
        hint="Une ou deux phrases : ce que le lieu propose"
        defaultValue={one('presentation_resume')}
        error={errors.presentation_resume}
      />

      <SelectField
        name="partenaire"
        label="Partenaire sur Relais"
        hint="La structure inscrite sur Relais qui reçoit les orientations vers ce lieu (avec l'accord de la personne) et dit ce qu'il en est advenu"
        options={partners}
        placeholder="Aucun : le lieu n'a pas de compte"
        defaultValue={values.partenaire?.[0]}
        error={errors.partenaire}
      />
      <CheckboxGroup
        name="lieu_accueil"
        legend="Lieu d'accueil de notre structure"
        hint="Pour nos propres lieux (siège, antenne, permanence) : on le choisit en notant une sollicitation, et le pilotage filtre sur ce lieu"
        options={[{ value: 'oui', label: 'Nous recevons le public dans ce lieu' }]}
        defaultValues={values.lieu_accueil}
      />

      <h2 className="fr-h4">Adresse et contact</h2>
      <TextField
        name="adresse"
        label={LABELS.adresse!}
        hint="Numéro et voie"
        required
        autoComplete="street-address"
        defaultValue={one('adresse')}
        error={errors.adresse}
      />
      <TextField
        name="complement_adresse"
        label={LABELS.complement_adresse!}
        defaultValue={one('complement_adresse')}
        error={errors.complement_adresse}
      />
      <TextField
        name="code_postal"
        label={LABELS.code_postal!}
        hint="5 chiffres"
        required
        inputMode="numeric"
        autoComplete="postal-code"
        defaultValue={one('code_postal')}
        error={errors.code_postal}
      />
      <TextField
        name="commune"
        label={LABELS.commune!}
        required
        autoComplete="address-level2"
        defaultValue={one('commune')}
        error={errors.commune}
      />
      <TextField
        name="latitude"
        label={LABELS.latitude!}
        hint="Degrés décimaux avec un point, ex. 47.3941 (sert au calcul des distances)"
        defaultValue={one('latitude')}
        error={errors.latitude}
      />
      <TextField name="longitude" label={LABELS.longitude!} hint="Ex. 0.6848" defaultValue={one('longitude')} error={errors.longitude} />
      <TextField
        name="telephone"
        label={LABELS.telephone!}
        type="tel"
        hint="Ex. 02 47 21 60 00"
        defaultValue={one('telephone')}
        error={errors.telephone}
      />
      <TextField
        name="courriels"
        label={LABELS.courriels!}
        hint="Plusieurs adresses séparées par |"
        defaultValue={values.courriels?.join('|')}
        error={errors.courriels}
      />
      <TextField
        name="site_web"
        label={LABELS.site_web!}
        hint="https://…"
        defaultValue={values.site_web?.join('|')}
        error={errors.site_web}
      />
      <TextField name="prise_rdv" label={LABELS.prise_rdv!} hint="https://…" defaultValue={one('prise_rdv')} error={errors.prise_rdv} />
      <TextField
        name="fiche_acces_libre"
        label={LABELS.fiche_acces_libre!}
        hint="Adresse de la fiche du lieu sur acceslibre.beta.gouv.fr"
        defaultValue={one('fiche_acces_libre')}
        error={errors.fiche_acces_libre}
      />

      <h2 className="fr-h4">Horaires</h2>
      <TextField
        name="horaires"
        label={LABELS.horaires!}
        hint={`Format OpenStreetMap : jours en anglais (Mo Tu We Th Fr Sa Su), heures sur 24 h, PH off pour fermer les jours fériés. Ex. ${OPENING_HOURS_EXAMPLE}`}
        defaultValue={one('horaires')}
        error={errors.horaires}
      />

      <h2 className="fr-h4">Ce que le lieu propose</h2>
      <CheckboxGroup
        name="services"
        legend="Services"
        hint="Au moins un"
        options={asOptions(SERVICES)}
        defaultValues={values.services}
        error={errors.services}
        inline={false}
      />
      <CheckboxGroup
        name="organisations"
        legend={LABELS.organisations!}
        hint="Les organismes dont le lieu aide à faire les démarches (pour orienter « démarches CAF », « impôts »…)"
        options={organisations}
        defaultValues={values.organisations}
      />
      <CheckboxGroup
        name="themes"
        legend={LABELS.themes!}
        hint="Thématiques administratives de la Coop de la médiation numérique"
        options={Object.entries(THEMES).map(([value, label]) => ({ value, label }))}
        defaultValues={values.themes}
      />
      {checks('publics')}
      {checks('specificSupport')}
      {checks('fees')}
      {checks('accessModes')}
      {checks('supportModes')}
      {checks('itinerance')}
      <details className="fr-mb-3w">
        <summary>Dispositifs, labels et présentation détaillée</summary>
        {checks('nationalProgrammes')}
        {checks('trainingLabels')}
        <TextField
          name="autres_formations_labels"
          label={LABELS.autres_formations_labels!}
          hint="Plusieurs séparés par |"
          defaultValue={values.autres_formations_labels?.join('|')}
          error={errors.autres_formations_labels}
        />
        <TextField
          name="structure_parente"
          label={LABELS.structure_parente!}
          defaultValue={one('structure_parente')}
          error={errors.structure_parente}
        />
        <TextAreaField
          name="presentation_detail"
          label={LABELS.presentation_detail!}
          rows={5}
          defaultValue={one('presentation_detail')}
          error={errors.presentation_detail}
        />
      </details>
      <button className="fr-btn" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
