import { Form, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/administration.structure';
import { structureSettingsSchema } from '../rules';
import { readBackupStatus, readStructureSettings, updateStructureSettings } from '../structure-settings.server';
import { dateFormat } from '../../../platform/time';
import { TYPOLOGY_LABELS } from '../typologies';
import { requireAgent } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../../ui/form';

const WHEN = dateFormat({ dateStyle: 'short', timeStyle: 'short' });

export const meta: Route.MetaFunction = () => [{ title: 'Structure — Administration — Relais' }];

const typologyOptions = Object.entries(TYPOLOGY_LABELS)
  .map(([value, label]) => ({ value, label: `${label} (${value})` }))
  .sort((a, b) => a.label.localeCompare(b.label, 'fr'));

const LABELS = {
  name: 'Nom',
  typology: 'Typologie',
  street: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  referralReminderDays: 'Relance des orientations',
  showReaderNames: 'Portail des habitants',
};

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'structure.parametrer');
  return { structure: await readStructureSettings(ctx), backups: await readBackupStatus(ctx) };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'structure.parametrer');
  const parsed = parseForm(await args.request.formData(), structureSettingsSchema);
  if (!parsed.ok) return formFailure(parsed.failure, { saved: false });
  await updateStructureSettings(ctx, parsed.data);
  return feedback({}, {}, { saved: true });
}

export default function ParametresStructure() {
  const { structure, backups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const value = (field: keyof typeof LABELS) => String((result && !result.saved ? result.values[field] : structure[field]) ?? '');
  return (
    <div className="fr-container fr-my-6w">
      <h1>Paramètres de la structure</h1>
      {result?.saved && <Notice kind="success" title="Paramètres enregistrés." />}
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField
          name="name"
          label={LABELS.name}
          hint="Affiché dans l'en-tête de Relais"
          required
          defaultValue={value('name')}
          error={errors.name}
        />
        <SelectField
          name="typology"
          label={LABELS.typology}
          hint="Typologie du schéma national des lieux de médiation numérique"
          options={typologyOptions}
          placeholder="Non renseignée"
          defaultValue={value('typology')}
          error={errors.typology}
        />
        <TextField name="street" label={LABELS.street} autoComplete="street-address" defaultValue={value('street')} error={errors.street} />
        <TextField
          name="postalCode"
          label={LABELS.postalCode}
          hint="5 chiffres"
          inputMode="numeric"
          autoComplete="postal-code"
          defaultValue={value('postalCode')}
          error={errors.postalCode}
        />
        <TextField name="city" label={LABELS.city} autoComplete="address-level2" defaultValue={value('city')} error={errors.city} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Position de la structure</legend>
          <p className="fr-text--sm">
            Le point de départ des recherches « près de nous » dans l'annuaire, en degrés décimaux (par exemple sur une carte en ligne :
            clic droit sur l'adresse).
          </p>
          <TextField
            name="latitude"
            label={LABELS.latitude}
            hint="Ex. 47.3941"
            inputMode="text"
            defaultValue={value('latitude')}
            error={errors.latitude}
          />
          <TextField
            name="longitude"
            label={LABELS.longitude}
            hint="Ex. 0.6848"
            inputMode="text"
            defaultValue={value('longitude')}
            error={errors.longitude}
          />
        </fieldset>
        <TextField
          name="referralReminderDays"
          label={LABELS.referralReminderDays}
          hint="Une orientation sans réponse du partenaire après ce nombre de jours apparaît « à relancer » (30 jours : expirée)"
          type="number"
          min={1}
          max={30}
          inputMode="numeric"
          defaultValue={value('referralReminderDays')}
          error={errors.referralReminderDays}
        />
        <div className="fr-checkbox-group fr-mb-3w">
          <input
            type="checkbox"
            id="showReaderNames"
            name="showReaderNames"
            value="oui"
            defaultChecked={result && !result.saved ? result.values.showReaderNames === 'oui' : structure.showReaderNames}
            aria-describedby="showReaderNames-aide"
          />
          <label className="fr-label" htmlFor="showReaderNames">
            Dans son espace, une personne voit le nom des agents qui ont lu son dossier
            <span className="fr-hint-text" id="showReaderNames-aide">
              Sinon, elle voit seulement leur rôle (médiateur, accueil…), la date et la structure.
            </span>
          </label>
        </div>
        <button className="fr-btn" type="submit">
          Enregistrer
        </button>
      </Form>

      <h2 className="fr-mt-6w">Sauvegardes</h2>
      {backups.stale ? (
        <Notice kind="warning" title="Aucune sauvegarde réussie depuis plus de 48 heures">
          {backups.last?.status === 'echec'
            ? `Le dernier essai (${WHEN.format(new Date(backups.last.startedAt))}) a échoué${backups.last.error ? ` (${backups.last.error})` : ''}. `
            : ''}
          Prévenez la personne qui exploite Relais : sans sauvegarde, une panne de disque emporterait les données.
        </Notice>
      ) : null}
      {backups.lastSuccess ? (
        <p>
          Dernière sauvegarde réussie : {WHEN.format(new Date(backups.lastSuccess.startedAt))}, fichier{' '}
          <code>{backups.lastSuccess.file}</code> ({Math.max(1, Math.round((backups.lastSuccess.sizeBytes ?? 0) / 1024))} Kio). Relais se
          sauvegarde chaque nuit ; copiez les archives hors de la machine (voir la documentation d'exploitation).
        </p>
      ) : (
        <p>Aucune sauvegarde n'a encore été faite. Relais se sauvegarde chaque nuit après 2 h, si le serveur tourne.</p>
      )}
    </div>
  );
}
