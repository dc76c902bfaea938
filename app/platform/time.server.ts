// Le fuseau de la structure dans une requête SQL : un littéral (et non un paramètre), pour que PostgreSQL reconnaisse
// la même expression dans SELECT et GROUP BY. Sûr : le nom a été validé (lettres, chiffres, « _+-/ » seulement).
import { sql } from 'drizzle-orm';
import { timeZone } from './time';

export const zoneSql = () => sql.raw(`'${timeZone()}'`);
