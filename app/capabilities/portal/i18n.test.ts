// Le catalogue du portail : mêmes clés dans chaque langue, et le français en FALC (phrases courtes, sigles expliqués).
import { describe, expect, it } from 'vitest';
import { hyphenateSync } from 'hyphen/fr';
import { directionOf, LANGUAGES, portalText } from './i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** Les sigles qu'une personne ne connaît pas forcément : chacun n'apparaît qu'avec son explication entre parenthèses. */
const ABBREVIATIONS = ['CAF', 'CPAM', 'MDPH', 'MSA', 'RSA', 'ANTS', 'CCAS', 'ANEF', 'DGFiP'];
const EXPLAINED_IN_PLACE = /\(([^)]+)\)/;

describe('catalogue du portail', () => {
  const french = leaves(LANGUAGES.fr as unknown as Tree);

  it('a les mêmes clés en anglais et en arabe qu’en français, et aucun texte vide', () => {
    const keys = french.map(([key]) => key);
    for (const language of ['en', 'ar'] as const) {
      const translated = leaves(LANGUAGES[language] as unknown as Tree);
      expect(translated.map(([key]) => key)).toEqual(keys);
      expect(translated.filter(([, text]) => !text.trim())).toEqual([]);
    }
  });

  it('écrit le français en phrases de 15 mots au plus', () => {
    const long = french.flatMap(([key, text]) =>
      text
        .split(/(?<=[.!?:])\s+/)
        .filter((sentence) => sentence.split(/\s+/).filter((word) => /\p{L}|\d/u.test(word)).length > 15)
        .map((sentence) => `${key} : ${sentence}`),
    );
    expect(long).toEqual([]);
  });

  it('explique chaque sigle là où il apparaît, ou ne l’emploie pas', () => {
    const unexplained = french.filter(([, text]) =>
      ABBREVIATIONS.some((abbreviation) => new RegExp(`\\b${abbreviation}\\b`).test(text) && !EXPLAINED_IN_PLACE.test(text)),
    );
    expect(unexplained.map(([key]) => key)).toEqual([]);
  });

  it('a un score de lisibilité (Kandel et Moles) facile sur chaque page, rapporté page par page', () => {
    const scores = Object.fromEntries(
      Object.entries(LANGUAGES.fr).map(([page, texts]) => [page, readability(leaves(texts as unknown as Tree).map(([, text]) => text))]),
    );
    console.info('Lisibilité du portail (Kandel et Moles, 100 = très facile) :', scores);
    // 60 et plus : « facile » ; une page écrite en phrases longues ou en mots savants passe en dessous.
    expect(Object.entries(scores).filter(([, score]) => score < 60)).toEqual([]);
    expect(
      readability(['La présente demande conditionne l’instruction administrative de votre dossier d’allocation personnalisée.']),
    ).toBeLessThan(60);
  });

  it("met en forme dans la langue demandée, et l'arabe s'écrit de droite à gauche", () => {
    expect(portalText('en')('accueil.titre', { name: 'Awa' })).toBe('Hello Awa');
    expect(portalText('ar')('cadre.se_deconnecter')).toBe('تسجيل الخروج');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });
});

/**
 * Lisibilité de Kandel et Moles (1958), la formule de Flesch adaptée au français : 207 − 1,015 × mots par phrase −
 * 73,6 × syllabes par mot. Les syllabes se comptent par la césure française (motifs TeX de `hyphen`), qui ne coupe
 * pas la dernière syllabe muette : le compte est un peu bas, le score un peu optimiste (au-dessus de 100 pour les
 * pages les plus simples) ; le seuil de 60 en tient compte.
 */
function readability(texts: string[]) {
  const sentences = texts.flatMap((text) => text.replace(/\{\{\w+\}\}/g, 'X').split(/(?<=[.!?:])\s+/)).filter((s) => s.trim());
  const words = sentences.flatMap((sentence) => sentence.split(/[\s’']+/).filter((word) => /\p{L}/u.test(word)));
  const syllables = words.reduce(
    (sum, word) => sum + hyphenateSync(word.replace(/[^\p{L}-]/gu, ''), { hyphenChar: '|', minWordLength: 2 }).split('|').length,
    0,
  );
  return Math.round(207 - 1.015 * (words.length / sentences.length) - 73.6 * (syllables / words.length));
}
