// Registre de classification des colonnes (RGPD) : chaque colonne de chaque table y figure, avec sa nature, sa durée
// de conservation et sa règle d'anonymisation. Chaque capacité classe ses colonnes à côté de son schéma ; ce fichier
// les assemble. classification.test.ts lit le catalogue PostgreSQL et échoue sur toute colonne absente : une
// nouvelle colonne se classe le jour où elle est créée. La purge, l'export et l'effacement lisent ce registre.
import { APPOINTMENTS_COLUMNS } from '../capabilities/appointments/classification';
import { DIAGNOSIS_COLUMNS } from '../capabilities/diagnosis/classification';
import { DIRECTORY_COLUMNS } from '../capabilities/directory/classification';
import { MANDATES_COLUMNS } from '../capabilities/mandates/classification';
import { PLATFORM_COLUMNS } from '../platform/classification';
import { PORTAL_COLUMNS } from '../capabilities/portal/classification';
import { RECEPTION_COLUMNS } from '../capabilities/reception/classification';
import { REFERRALS_COLUMNS } from '../capabilities/referrals/classification';
import { STEERING_COLUMNS } from '../capabilities/steering/classification';
import { VAULT_COLUMNS } from '../capabilities/vault/classification';
import { WORKSHOPS_COLUMNS } from '../capabilities/workshops/classification';
import type { TableClassification } from './column-classes';

export type { Anonymisation, ColumnClass, DataKind } from './column-classes';

export const COLUMN_CLASSIFICATION: TableClassification = {
  ...APPOINTMENTS_COLUMNS,
  ...WORKSHOPS_COLUMNS,
  ...DIAGNOSIS_COLUMNS,
  ...DIRECTORY_COLUMNS,
  ...MANDATES_COLUMNS,
  ...PLATFORM_COLUMNS,
  ...PORTAL_COLUMNS,
  ...RECEPTION_COLUMNS,
  ...REFERRALS_COLUMNS,
  ...STEERING_COLUMNS,
  ...VAULT_COLUMNS,
};
