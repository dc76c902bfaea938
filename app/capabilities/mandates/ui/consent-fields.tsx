// L'accord éclairé, lu point par point avec la personne, et la déclaration sur les mesures de protection.
// Partagé par le formulaire de mandat et par le mandat d'un jour établi depuis une sollicitation.
import { CheckboxGroup, optionsOf, RadioGroup } from '../../../ui/form';
import { CONSENT_ITEMS, PROTECTION_MEASURES } from '../vocabulary';

export const PROTECTION_OPTIONS = [
  { value: 'aucune', label: 'Aucune mesure de protection ne s’applique à la personne' },
  { value: 'mesure', label: `Une mesure s’applique (${PROTECTION_MEASURES})` },
];

interface Props {
  names: { consent: string; protection: string };
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}

export function ConsentFields({ names, values, errors }: Props) {
  return (
    <>
      <CheckboxGroup
        name={names.consent}
        legend="Lisez chaque point avec la personne, puis cochez-le"
        options={optionsOf(CONSENT_ITEMS)}
        inline={false}
        defaultValues={values[names.consent]?.split(',') ?? []}
        error={errors[names.consent]}
      />
      <RadioGroup
        name={names.protection}
        legend="Demandez à la personne : une mesure de protection juridique s’applique-t-elle ?"
        options={PROTECTION_OPTIONS}
        inline={false}
        defaultValue={values[names.protection]}
        error={errors[names.protection]}
      />
    </>
  );
}
