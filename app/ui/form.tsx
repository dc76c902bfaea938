// Champs de formulaire DSFR : erreur en français sous le champ, reliée par aria-describedby,
// valeur saisie conservée. Fonctionnent sans JavaScript.
import { useEffect, useRef } from 'react';
import { useRouteLoaderData } from 'react-router';
import type { RootData } from '../root';

export type FieldErrors = Partial<Record<string, string>>;
export type FieldValues = Partial<Record<string, string>>;

const texts = (value: unknown): Record<string, string> =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};

/**
 * Les erreurs et les valeurs gardées que rend une action (platform/forms.server.ts), quelle que soit la branche qui
 * a répondu ; `initial` tient lieu de valeurs tant que rien n'a été envoyé.
 */
export function feedbackOf(result: unknown, initial: object = {}): { errors: Record<string, string>; values: Record<string, string> } {
  const { errors, values } = (result ?? {}) as { errors?: unknown; values?: unknown };
  return { errors: texts(errors), values: texts(values === undefined ? initial : values) };
}

export function CsrfField() {
  const root = useRouteLoaderData<RootData>('root');
  return <input type="hidden" name="csrf" value={root?.csrf ?? ''} />;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string | null;
  id?: string;
}

/** Libellé, aide et erreur d'un champ DSFR ; `children` reçoit les attributs ARIA à poser sur le contrôle. */
function FieldFrame({
  kind,
  id,
  label,
  hint,
  error,
  children,
}: Pick<FieldProps, 'label' | 'hint' | 'error'> & {
  kind: 'input' | 'select';
  id: string;
  children: (aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`fr-${kind}-group${error ? ` fr-${kind}-group--error` : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="fr-hint-text" id={`${id}-aide`}>
            {hint}
          </span>
        )}
      </label>
      {children({ ...(error ? { 'aria-invalid': true as const } : {}), 'aria-describedby': describedBy })}
      {error && (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  error,
  defaultValue,
  id = name,
  type = 'text',
  autoComplete,
  required,
  autoFocus,
  inputMode,
  spellCheck,
  list,
  accessKey,
  min,
  max,
}: FieldProps & {
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'search' | 'number' | 'datetime-local' | 'tel';
  list?: string;
  accessKey?: string;
  min?: number;
  max?: number;
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
  spellCheck?: boolean;
}) {
  return (
    <FieldFrame kind="input" id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <input
          className={`fr-input${error ? ' fr-input--error' : ''}`}
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue ?? undefined}
          autoComplete={autoComplete}
          required={required}
          aria-required={required || undefined}
          autoFocus={autoFocus}
          inputMode={inputMode}
          spellCheck={spellCheck}
          list={list}
          accessKey={accessKey}
          min={min}
          max={max}
          {...aria}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({ name, label, hint, error, defaultValue, id = name, rows = 3 }: FieldProps & { rows?: number }) {
  return (
    <FieldFrame kind="input" id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <textarea
          className={`fr-input${error ? ' fr-input--error' : ''}`}
          id={id}
          name={name}
          rows={rows}
          defaultValue={defaultValue ?? undefined}
          {...aria}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  defaultValue,
  id = name,
  options,
  groups,
  placeholder,
  required,
  onChange,
}: FieldProps & {
  /** Avec JavaScript : un choix qui change d'autres champs (sans JavaScript, la réponse du serveur s'en charge). */
  onChange?: (event: React.ChangeEvent<HTMLSelectElement>) => void;
  options: Array<{ value: string; label: string }>;
  /** Options regroupées sous un intitulé (optgroup), après les options sans groupe. */
  groups?: Array<{ label: string; options: Array<{ value: string; label: string }> }>;
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame kind="select" id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <select
          className={`fr-select${error ? ' fr-select--error' : ''}`}
          id={id}
          name={name}
          defaultValue={defaultValue ?? ''}
          required={required}
          onChange={onChange}
          {...aria}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {groups?.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface ChoiceGroupProps {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  error?: string;
  hint?: string;
  inline?: boolean;
}

/** Boutons radio DSFR ; le premier porte l'identifiant `name` (cible du récapitulatif d'erreurs). */
export function RadioGroup({ defaultValue, ...props }: ChoiceGroupProps & { defaultValue?: string | null }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(value) => value === defaultValue} />;
}

/** Cases à cocher DSFR (plusieurs valeurs pour un même nom). */
export function CheckboxGroup({ defaultValues, ...props }: ChoiceGroupProps & { defaultValues?: readonly string[] }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(value) => defaultValues?.includes(value) ?? false} />;
}

function ChoiceGroup({
  name,
  legend,
  options,
  error,
  hint,
  inline = true,
  type,
  isChecked,
}: ChoiceGroupProps & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }) {
  const kind = type === 'radio' ? 'fr-radio-group' : 'fr-checkbox-group';
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${name}-legende${error ? ` ${name}-erreur` : ''}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${name}-legende`}>
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {options.map((option, index) => {
        // Une valeur nationale verbatim (« Aide aux démarches administratives ») ne fait pas un identifiant : son rang le remplace.
        const id = index === 0 ? name : `${name}-${/^[\w-]+$/.test(option.value) ? option.value : index}`;
        return (
          <div className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={option.value}>
            <div className={kind}>
              <input type={type} id={id} name={name} value={option.value} defaultChecked={isChecked(option.value)} />
              <label className="fr-label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          </div>
        );
      })}
      {error && (
        <div className="fr-messages-group" id={`${name}-erreur`}>
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

/** Options d'une liste à partir d'un vocabulaire { valeur: libellé } ou { valeur: { label } }. */
export function optionsOf(vocabulary: Record<string, string | { label: string }>) {
  return Object.entries(vocabulary).map(([value, entry]) => ({ value, label: typeof entry === 'string' ? entry : entry.label }));
}

/** Récapitulatif en tête de formulaire : chaque erreur est un lien vers son champ (RGAA 11.10). */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors ?? {}).filter(([, message]) => message);
  if (entries.length === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 className="fr-alert__title">
        {entries.length === 1 ? 'Une information est à corriger' : `${entries.length} informations sont à corriger`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {labels[field] ? (
              <a href={`#${field}`}>
                {labels[field]} : {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({
  kind,
  title,
  children,
}: {
  kind: 'success' | 'info' | 'error' | 'warning';
  title: string;
  children?: React.ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  // Avec JavaScript, un envoi ne ramène pas la page en haut : la confirmation, souvent en haut, vient sous les yeux.
  useEffect(() => {
    const place = box.current?.getBoundingClientRect();
    if (kind === 'success' && place && (place.top < 0 || place.bottom > window.innerHeight))
      box.current!.scrollIntoView({ block: 'center' });
  }, [kind, title]);
  return (
    <div ref={box} className={`fr-alert fr-alert--${kind} fr-mb-3w`} role={kind === 'error' ? 'alert' : 'status'}>
      <h2 className="fr-alert__title">{title}</h2>
      {children && <p>{children}</p>}
    </div>
  );
}
