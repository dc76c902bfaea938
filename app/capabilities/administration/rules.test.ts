// Les paramètres de la structure tels que les envoie le formulaire, sans JavaScript : une case décochée n'est pas
// envoyée du tout, et ne doit pas faire refuser l'enregistrement.
import { describe, expect, it } from 'vitest';
import { structureSettingsSchema } from './rules';

const FORM = {
  name: "CCAS d'Alpha",
  typology: '',
  street: '',
  postalCode: '01000',
  city: '',
  latitude: '',
  longitude: '',
  referralReminderDays: '7',
};

describe('paramètres de la structure', () => {
  it('lit la case « montrer le nom des lecteurs » cochée (« oui ») ou absente (non)', () => {
    expect(structureSettingsSchema.safeParse({ ...FORM, showReaderNames: 'oui' }).data?.showReaderNames).toBe(true);
    const unchecked = structureSettingsSchema.safeParse(FORM);
    expect(unchecked.error?.issues ?? []).toEqual([]);
    expect(unchecked.data?.showReaderNames).toBe(false);
  });
});
