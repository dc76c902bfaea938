// Le formulaire d'une sollicitation : les valeurs par défaut font le cas courant (sur place, j'ai
// accompagné, fait, ma dernière durée, le dernier organisme de la personne) ; Entrée enregistre.
import { useEffect, useState } from 'react';
import { Form } from 'react-router';
import { CheckboxGroup, CsrfField, ErrorSummary, optionsOf, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form';
import { BLOCKED_CAUSES, CHANNELS, DURATION_PRESETS, GENDERS, LEVELS, MODES, ORGANISATIONS, OUTCOMES } from '../vocabulary';
import { AGE_BANDS, AUTONOMY, DIGITAL_SKILLS, EQUIPMENT, REDIRECTIONS, THEMES } from '../../../vocabulary/coop';
import { ConsentFields } from '../../mandates/ui/consent-fields';
import { AREA_OF_THEME, AREAS } from '../../mandates/vocabulary';

export type Subject = { kind: 'personne'; id: string; label: string } | { kind: 'nouvelle' } | { kind: 'anonyme' };

export const FIELD_LABELS: Record<string, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  birthYear: 'Année de naissance',
  phone: 'Téléphone',
  consent: 'Accord de la personne',
  anonymousGender: 'Genre',
  anonymousAgeBand: "Tranche d'âge",
  anonymousCommune: 'Commune',
  occurredAt: 'Date et heure',
  site: "Lieu d'accueil",
  organisation: 'Organisme',
  organisation2: 'Second organisme',
  procedure: 'Démarche',
  theme: 'Thématique',
  channel: 'Canal',
  level: 'Niveau de besoin',
  mode: "Mode d'aide",
  equipment: 'Matériel utilisé',
  autonomy: 'Autonomie observée',
  skills: 'Compétences travaillées',
  durationMinutes: 'Durée',
  outcome: 'Résultat',
  blockedCause: 'Cause du blocage',
  redirection: 'Orientée vers',
  nextStep: 'Prochaine étape',
  nextStepDate: 'Date de la prochaine étape',
  notes: 'Note',
  mandateArea: 'Domaine de la démarche faite à la place',
  onlineService: 'Service en ligne utilisé',
  actDone: 'Ce qui a été fait',
  mandatConsent: 'Information de la personne',
  mandatProtection: 'Mesure de protection',
  mandatSignataire: 'Nom complet de la personne',
  mandatSigne: 'Signature du mandat',
};

interface Props {
  subject: Subject;
  /** Un doublon possible a été signalé : l'agent peut confirmer qu'il s'agit d'une autre personne. */
  duplicateWarning?: boolean;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  procedures: Record<string, string[]>;
  /** Les organismes qu'on peut choisir : la liste nationale et ceux de la structure. */
  organisations: Array<{ value: string; label: string }>;
  /** Les lieux d'accueil de la structure, quand il y en a plusieurs (sinon rien à choisir). */
  sites: Array<{ value: string; label: string }>;
  /** L'agent peut agir sous mandat (médiateur, travailleur social) : il décrit l'acte fait à la place. */
  canActUnderMandate: boolean;
  /** Les domaines que couvrent aujourd'hui les mandats signés de la personne. */
  coveredAreas: string[];
}

/** Les précisions repliées sous « Plus de précisions » : dépliées d'office quand l'une d'elles est refusée. */
const MORE_FIELDS = ['organisation2', 'theme', 'channel', 'level', 'site', 'occurredAt', 'equipment', 'autonomy'];

/** Ce qui décide des champs montrés : relu à chaque saisie avec JavaScript, sinon à chaque réponse du serveur. */
type Choices = Record<(typeof CHOICE_FIELDS)[number], string>;
const CHOICE_FIELDS = ['mode', 'outcome', 'organisation', 'theme', 'mandateArea'] as const;
const choicesOf = (read: (name: string) => unknown): Choices =>
  Object.fromEntries(CHOICE_FIELDS.map((name) => [name, String(read(name) ?? '')])) as Choices;

/**
 * Le domaine de l'acte fait à la place : choisi, sinon celui de la thématique, sinon celui de l'organisme (comme le
 * serveur le déduit) ; null s'il ne se déduit pas.
 */
function areaOf(choices: Choices) {
  if (choices.mandateArea) return choices.mandateArea;
  const theme = choices.theme || (ORGANISATIONS as Record<string, { theme: string | null }>)[choices.organisation]?.theme;
  return theme ? (AREA_OF_THEME[theme as keyof typeof AREA_OF_THEME] ?? null) : null;
}

export function SolicitationForm({
  subject,
  values,
  errors,
  procedures,
  organisations,
  sites,
  canActUnderMandate,
  coveredAreas,
  duplicateWarning,
}: Props) {
  const organisation = values.organisation ?? '';
  // Les champs qui ne valent que pour un choix (acte sous mandat, cause du blocage, orientation) ne se montrent
  // qu'avec ce choix : le formulaire tient sur un écran. Sans JavaScript, la réponse du serveur les montre.
  const [choices, setChoices] = useState(() => choicesOf((name) => values[name]));
  const { mode, outcome, theme, mandateArea } = values;
  useEffect(() => setChoices(choicesOf((name) => values[name])), [mode, outcome, organisation, theme, mandateArea]);
  const readForm = (form: HTMLFormElement) => {
    const data = new FormData(form);
    setChoices(choicesOf((name) => data.get(name)));
  };
  const actingInstead = subject.kind !== 'anonyme' && canActUnderMandate && choices.mode === 'fait_a_la_place';
  const area = areaOf(choices);
  const offerOneDayMandate =
    values.mandatJour === 'oui' || (actingInstead && (coveredAreas.length === 0 || (area !== null && !coveredAreas.includes(area))));
  const suggestions = [...new Set([...(procedures[organisation] ?? []), ...Object.values(procedures).flat()])].slice(0, 40);
  return (
    <Form
      method="post"
      noValidate
      aria-describedby="raccourcis"
      onChange={(event) => readForm(event.currentTarget)}
      // La remise à zéro après un enregistrement se fait après l'événement : relire au tour suivant.
      onReset={(event) => {
        const form = event.currentTarget;
        setTimeout(() => readForm(form));
      }}
    >
      <CsrfField />
      <input type="hidden" name="sujet" value={subject.kind === 'personne' ? `personne:${subject.id}` : subject.kind} />
      {values.file && <input type="hidden" name="file" value={values.file} />}
      {values.rendezVous && <input type="hidden" name="rendezVous" value={values.rendezVous} />}
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />

      {subject.kind === 'nouvelle' && (
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Nouvelle personne</legend>
          <div className="fr-fieldset__element">
            <TextField
              name="firstName"
              label={FIELD_LABELS.firstName!}
              required
              autoComplete="off"
              defaultValue={values.firstName}
              error={errors.firstName}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="lastName"
              label={FIELD_LABELS.lastName!}
              autoComplete="off"
              defaultValue={values.lastName}
              error={errors.lastName}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="birthYear"
              label={FIELD_LABELS.birthYear!}
              hint="4 chiffres, par exemple 1962"
              inputMode="numeric"
              defaultValue={values.birthYear}
              error={errors.birthYear}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="phone"
              label={FIELD_LABELS.phone!}
              hint="Facultatif"
              type="tel"
              autoComplete="off"
              defaultValue={values.phone}
              error={errors.phone}
            />
          </div>
          <div className="fr-fieldset__element">
            <CheckboxGroup
              name="consent"
              legend={FIELD_LABELS.consent!}
              options={[
                {
                  value: 'oui',
                  label: 'La personne accepte que le CCAS conserve sa fiche pour la suivre (elle peut demander à la supprimer).',
                },
              ]}
              defaultValues={values.consent ? [values.consent] : []}
              error={errors.consent}
            />
          </div>
        </fieldset>
      )}

      {subject.kind === 'anonyme' && (
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Personne non identifiée (facultatif)</legend>
          <div className="fr-fieldset__element">
            <RadioGroup
              name="anonymousGender"
              legend={FIELD_LABELS.anonymousGender!}
              options={optionsOf(GENDERS)}
              defaultValue={values.anonymousGender}
              error={errors.anonymousGender}
            />
          </div>
          <div className="fr-fieldset__element">
            <SelectField
              name="anonymousAgeBand"
              label={FIELD_LABELS.anonymousAgeBand!}
              options={optionsOf(AGE_BANDS)}
              placeholder="Non renseignée"
              defaultValue={values.anonymousAgeBand}
              error={errors.anonymousAgeBand}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="anonymousCommune"
              label={FIELD_LABELS.anonymousCommune!}
              autoComplete="off"
              defaultValue={values.anonymousCommune}
              error={errors.anonymousCommune}
            />
          </div>
        </fieldset>
      )}

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">La demande</legend>
        <div className="fr-fieldset__element">
          <SelectField
            name="organisation"
            label={FIELD_LABELS.organisation!}
            options={organisations}
            placeholder={ORGANISATION_PLACEHOLDER}
            required
            defaultValue={organisation}
            error={errors.organisation}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            name="procedure"
            label={FIELD_LABELS.procedure!}
            hint="Par exemple « déclaration trimestrielle RSA ». Jamais d'identifiant ni de mot de passe."
            list="demarches"
            autoComplete="off"
            autoFocus={subject.kind === 'personne'}
            accessKey="d"
            defaultValue={values.procedure}
            error={errors.procedure}
          />
          <datalist id="demarches">
            {suggestions.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">L'accompagnement</legend>
        <div className="fr-fieldset__element">
          <RadioGroup name="mode" legend={FIELD_LABELS.mode!} options={optionsOf(MODES)} defaultValue={values.mode} error={errors.mode} />
        </div>
        {/* Montré par la feuille de style dès que « J'ai formé » est coché, même sans JavaScript (:has). */}
        <div className="fr-fieldset__element relais-if-forme">
          <CheckboxGroup
            name="skills"
            legend={FIELD_LABELS.skills!}
            hint="Ce que la personne a appris à faire elle-même (thématiques de la Coop de la médiation numérique)"
            options={optionsOf(DIGITAL_SKILLS)}
            defaultValues={values.skills?.split(',') ?? []}
            error={errors.skills}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            name="durationMinutes"
            label={`${FIELD_LABELS.durationMinutes} (minutes)`}
            type="number"
            inputMode="numeric"
            min={1}
            max={480}
            list="durees"
            defaultValue={values.durationMinutes}
            error={errors.durationMinutes}
          />
          <datalist id="durees">
            {DURATION_PRESETS.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </div>
      </fieldset>

      {actingInstead && <ActFields values={values} errors={errors} offerOneDayMandate={offerOneDayMandate} />}

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Le résultat</legend>
        <div className="fr-fieldset__element">
          <RadioGroup
            name="outcome"
            legend={FIELD_LABELS.outcome!}
            options={optionsOf(OUTCOMES)}
            defaultValue={values.outcome}
            error={errors.outcome}
          />
        </div>
        {choices.outcome === 'bloque' && (
          <div className="fr-fieldset__element">
            <SelectField
              name="blockedCause"
              label={FIELD_LABELS.blockedCause!}
              options={optionsOf(BLOCKED_CAUSES)}
              placeholder="—"
              defaultValue={values.blockedCause}
              error={errors.blockedCause}
            />
          </div>
        )}
        {choices.outcome === 'oriente' && (
          <div className="fr-fieldset__element">
            <SelectField
              name="redirection"
              label={FIELD_LABELS.redirection!}
              options={optionsOf(REDIRECTIONS)}
              placeholder="—"
              defaultValue={values.redirection}
              error={errors.redirection}
            />
          </div>
        )}
        <div className="fr-fieldset__element">
          <TextField
            name="nextStep"
            label={FIELD_LABELS.nextStep!}
            autoComplete="off"
            defaultValue={values.nextStep}
            error={errors.nextStep}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            name="nextStepDate"
            label={FIELD_LABELS.nextStepDate!}
            type="date"
            defaultValue={values.nextStepDate}
            error={errors.nextStepDate}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            name="notes"
            label={FIELD_LABELS.notes!}
            hint="Visible par l'équipe. Ne notez jamais un mot de passe, un code ou un numéro de carte."
            defaultValue={values.notes}
            error={errors.notes}
          />
        </div>
      </fieldset>
      <details className="relais-more fr-mb-3w" open={MORE_FIELDS.some((name) => errors[name]) || undefined}>
        <summary>Plus de précisions : second organisme, thématique, canal, niveau, lieu, date, matériel, autonomie</summary>
        <fieldset className="fr-fieldset">
          <legend className="fr-sr-only">Précisions</legend>
          <div className="fr-fieldset__element">
            <SelectField
              name="organisation2"
              label={FIELD_LABELS.organisation2!}
              hint="Si la démarche concerne aussi un autre organisme"
              options={organisations}
              placeholder="Aucun"
              defaultValue={values.organisation2}
              error={errors.organisation2}
            />
          </div>
          <div className="fr-fieldset__element">
            <SelectField
              name="theme"
              label={FIELD_LABELS.theme!}
              hint="Déduite de l'organisme si vous la laissez vide"
              options={optionsOf(THEMES)}
              placeholder="Déduite de l'organisme"
              defaultValue={values.theme}
              error={errors.theme}
            />
          </div>
          <div className="fr-fieldset__element">
            <RadioGroup
              name="channel"
              legend={FIELD_LABELS.channel!}
              options={optionsOf(CHANNELS)}
              defaultValue={values.channel}
              error={errors.channel}
            />
          </div>
          <div className="fr-fieldset__element">
            <RadioGroup
              name="level"
              legend={FIELD_LABELS.level!}
              options={optionsOf(LEVELS)}
              defaultValue={values.level}
              error={errors.level}
            />
          </div>
          {sites.length > 0 && (
            <div className="fr-fieldset__element">
              <SelectField
                name="site"
                label={FIELD_LABELS.site!}
                hint="Votre dernier lieu est proposé"
                options={sites}
                placeholder="— Choisir le lieu —"
                defaultValue={values.site}
                error={errors.site}
              />
            </div>
          )}
          <div className="fr-fieldset__element">
            <TextField
              name="occurredAt"
              label={FIELD_LABELS.occurredAt!}
              type="datetime-local"
              defaultValue={values.occurredAt}
              error={errors.occurredAt}
            />
          </div>
          <div className="fr-fieldset__element">
            <CheckboxGroup
              name="equipment"
              legend={FIELD_LABELS.equipment!}
              options={optionsOf(EQUIPMENT)}
              defaultValues={values.equipment?.split(',') ?? []}
              error={errors.equipment}
            />
          </div>
          <div className="fr-fieldset__element">
            <SelectField
              name="autonomy"
              label={FIELD_LABELS.autonomy!}
              hint="Sans réponse, l'export de la Coop déduit l'autonomie du mode d'aide"
              options={optionsOf(AUTONOMY)}
              placeholder="Non évaluée"
              defaultValue={values.autonomy}
              error={errors.autonomy}
            />
          </div>
        </fieldset>
      </details>

      {duplicateWarning && (
        <CheckboxGroup
          name="doublon"
          legend="Doublon possible"
          options={[{ value: 'confirme', label: "Ce n'est pas la même personne : créer une nouvelle fiche" }]}
        />
      )}
      <button className="fr-btn" type="submit" accessKey="e">
        Enregistrer la sollicitation
      </button>
    </Form>
  );
}

/** L'acte fait à la place de la personne : inscrit au journal du mandat qui le couvre. */
function ActFields({ values, errors, offerOneDayMandate }: Pick<Props, 'values' | 'errors'> & { offerOneDayMandate: boolean }) {
  return (
    <fieldset className="fr-fieldset" aria-describedby="acte-aide">
      <legend className="fr-fieldset__legend">La démarche faite à la place de la personne</legend>
      <p id="acte-aide" className="fr-fieldset__element fr-text--sm">
        Il faut un mandat signé de la personne, et l'acte est inscrit à son journal. Ne notez jamais ses identifiants ni ses mots de passe.
      </p>
      <div className="fr-fieldset__element">
        <SelectField
          name="mandateArea"
          label={FIELD_LABELS.mandateArea!}
          hint="Déduit de la thématique si vous le laissez vide"
          options={optionsOf(AREAS)}
          placeholder="Déduit de la thématique"
          defaultValue={values.mandateArea}
          error={errors.mandateArea}
        />
      </div>
      <div className="fr-fieldset__element">
        <TextField
          name="onlineService"
          label={FIELD_LABELS.onlineService!}
          hint="Par exemple caf.fr, impots.gouv.fr"
          autoComplete="off"
          defaultValue={values.onlineService}
          error={errors.onlineService}
        />
      </div>
      <div className="fr-fieldset__element">
        <TextField
          name="actDone"
          label={FIELD_LABELS.actDone!}
          hint="Par exemple « déclaration trimestrielle envoyée »"
          autoComplete="off"
          defaultValue={values.actDone}
          error={errors.actDone}
        />
      </div>
      {offerOneDayMandate && (
        <div className="fr-fieldset__element relais-panel">
          <input type="hidden" name="mandatJour" value="oui" />
          <h3 className="fr-h6">Aucun mandat ne couvre ce domaine : mandat d'un jour, pour ce domaine seulement</h3>
          <p className="fr-text--sm">Pour un mandat plus long, établissez-le depuis la fiche de la personne.</p>
          <ConsentFields names={{ consent: 'mandatConsent', protection: 'mandatProtection' }} values={values} errors={errors} />
          <TextField
            name="mandatSignataire"
            label={FIELD_LABELS.mandatSignataire!}
            hint="La personne l'écrit, ou le relit et le confirme"
            autoComplete="off"
            defaultValue={values.mandatSignataire}
            error={errors.mandatSignataire}
          />
          <CheckboxGroup
            name="mandatSigne"
            legend={FIELD_LABELS.mandatSigne!}
            options={[{ value: 'oui', label: 'La personne signe ce mandat d’un jour : elle a entendu et accepté chaque point.' }]}
            defaultValues={values.mandatSigne ? [values.mandatSigne] : []}
            error={errors.mandatSigne}
          />
        </div>
      )}
    </fieldset>
  );
}

/**
 * Commence par un tiret : taper « c » au clavier dans la liste va à la CAF, jamais à cette ligne vide (la frappe
 * repart de l'organisme choisi et fait le tour de la liste).
 */
const ORGANISATION_PLACEHOLDER = "— Choisir l'organisme —";
