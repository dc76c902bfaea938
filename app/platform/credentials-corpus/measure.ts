// Mesure du détecteur sur une moitié du corpus : rappel (secrets trouvés) et faux positifs (notes saines refusées),
// en tout et par catégorie. Utilisée par les tests (moitié de développement) et par `npm run bench` (moitié de mesure).
import { findCredential } from '../credentials';
import type { CorpusNote } from './index';

export interface DetectorFigures {
  withSecret: number;
  withoutSecret: number;
  recall: number;
  falsePositiveRate: number;
  missed: string[];
  falseAlarms: string[];
}

export function measureDetector(notes: readonly CorpusNote[]): DetectorFigures & { byCategory: Record<string, DetectorFigures> } {
  const figures = (subset: readonly CorpusNote[]): DetectorFigures => {
    const secrets = subset.filter((n) => n.secret);
    const clean = subset.filter((n) => !n.secret);
    const missed = secrets.filter((n) => findCredential(n.text) === null).map((n) => n.text);
    const falseAlarms = clean.filter((n) => findCredential(n.text) !== null).map((n) => n.text);
    return {
      withSecret: secrets.length,
      withoutSecret: clean.length,
      recall: secrets.length ? 1 - missed.length / secrets.length : 1,
      falsePositiveRate: clean.length ? falseAlarms.length / clean.length : 0,
      missed,
      falseAlarms,
    };
  };
  const categories = [...new Set(notes.map((n) => n.category))].sort();
  return { ...figures(notes), byCategory: Object.fromEntries(categories.map((c) => [c, figures(notes.filter((n) => n.category === c))])) };
}
