import { TextField } from '../../../ui/form';

/** Le champ du code à 6 chiffres de l'application d'authentification. */
export function TotpCodeField({ error, autoFocus }: { error?: string; autoFocus?: boolean }) {
  return (
    <TextField
      name="code"
      label="Code à 6 chiffres"
      hint="Exemple : 123456"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      autoFocus={autoFocus}
      error={error}
    />
  );
}
