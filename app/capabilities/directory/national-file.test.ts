import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { MAX_IMPORT_BYTES } from './import-limits';
import { readNationalFile, writeNationalCsv } from './national-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'id,pivot,nom,adresse,commune,code_postal,services,date_maj';
const ROW = 'lieu-1,00000000000000,Médiathèque,5 allée des Lettres,Tours,37000,Aide aux démarches administratives,2026-11-30';

describe('lecture d’un fichier du format national', () => {
  it('lit un CSV UTF-8 avec BOM, ligne par ligne', () => {
    const reading = readNationalFile('lieux.csv', bytes(`\uFEFF${HEADER}\r\n${ROW}\r\n`));
    expect(reading).toMatchObject({ ok: true, format: 'csv', ignoredColumns: [] });
    expect(reading.ok && reading.rows).toEqual([{ line: 2, record: expect.objectContaining({ id: 'lieu-1', code_postal: '37000' }) }]);
  });

  it('signale les colonnes inconnues sans refuser le fichier', () => {
    const reading = readNationalFile('lieux.csv', bytes(`${HEADER},couleur\n${ROW},bleu\n`));
    expect(reading.ok && reading.ignoredColumns).toEqual(['couleur']);
  });

  it('signale une ligne qui n’a pas le bon nombre de valeurs', () => {
    const reading = readNationalFile('lieux.csv', bytes(`${HEADER}\n${ROW}\nlieu-2,0000\n`));
    expect(reading.ok && reading.rows[1]).toMatchObject({ line: 3, problem: 'La ligne compte 2 valeurs pour 8 colonnes.' });
  });

  it.each([
    ['un fichier vide', '', 'Le fichier est vide.'],
    ['un fichier blanc', '\n\n', 'Le fichier est vide.'],
    ["l'en-tête seul", `${HEADER}\n`, "Le fichier ne contient aucun lieu (seulement la ligne d'en-tête)."],
    [
      'le point-virgule comme séparateur',
      `${HEADER.replaceAll(',', ';')}\n${ROW.replaceAll(',', ';')}\n`,
      "Les colonnes sont séparées par des points-virgules : le format national les sépare par des virgules (et sépare les valeurs multiples par |). Rien n'a été importé.",
    ],
    [
      'une colonne obligatoire absente',
      'id,pivot,nom,adresse,commune,services,date_maj\nx,0,n,a,c,s,d\n',
      'Colonne obligatoire absente : code_postal. La première ligne doit nommer les colonnes du schéma national (id, pivot, nom, adresse, commune, code_postal, services, date_maj…).',
    ],
    [
      'un guillemet non fermé',
      `${HEADER}\n"lieu-1,0,n\n`,
      "Le fichier CSV est mal formé vers la ligne 2 : un guillemet ouvert n’est pas refermé. Rien n'a été importé.",
    ],
    ['un JSON mal formé', '[{"id": "x",]', expect.stringMatching(/^Le fichier JSON est mal formé \(.+\)\. Rien n'a été importé\.$/)],
    ['un JSON qui n’est pas un tableau', '{"id": "x"}', 'Le fichier JSON doit contenir un tableau de lieux ([ {…}, {…} ]).'],
  ])('refuse %s avec un message clair', (_case, content, error) => {
    expect(readNationalFile('lieux.csv', bytes(content))).toEqual({ ok: false, error });
  });

  it('refuse un fichier qui n’est pas en UTF-8', () => {
    const latin1 = Uint8Array.from([...bytes(`${HEADER}\nlieu-1,0,M`), 0xe9, ...bytes('diath\n')]);
    expect(readNationalFile('lieux.csv', latin1)).toEqual({
      ok: false,
      error: "Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 » puis recommencez.",
    });
  });

  it('refuse un fichier trop gros en disant sa taille et la limite', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(readNationalFile('lieux.csv', big)).toEqual({
      ok: false,
      error: 'Le fichier pèse 5 Mo : la limite est de 5 Mo. Découpez-le en plusieurs fichiers.',
    });
    expect(readNationalFile('lieux.csv', new Uint8Array(50 * 1024 * 1024))).toMatchObject({
      error: expect.stringMatching(/^Le fichier pèse 50 Mo/),
    });
  });

  it('lit un JSON et repère l’élément qui n’est pas un lieu', () => {
    const reading = readNationalFile('lieux.json', bytes('[{"id": "a", "latitude": 47.1}, 3]'));
    expect(reading.ok && reading.rows).toEqual([
      { line: 1, record: { id: 'a', latitude: 47.1 } },
      { line: 2, record: {}, problem: "Cet élément n'est pas un lieu (objet JSON attendu)." },
    ]);
  });
});

describe('écriture CSV', () => {
  it('écrit toutes les colonnes du schéma, guillemets au besoin', () => {
    const csv = writeNationalCsv([
      {
        id: 'a',
        pivot: '0',
        nom: 'Lieu, centre',
        adresse: 'x',
        commune: 'c',
        code_postal: '37000',
        date_maj: '2026-01-01',
        latitude: 47.5,
      },
    ]);
    const [header, line] = csv.split('\r\n');
    expect(header!.split(',')).toHaveLength(32);
    expect(line).toBe('a,0,"Lieu, centre",x,c,37000,,,47.5,,,,,,,,,,,2026-01-01,,,,,,,,,,,,');
  });

  it('neutralise une cellule qu’un tableur lirait comme une formule, mais garde un numéro de téléphone', () => {
    const csv = writeNationalCsv([
      {
        id: 'b',
        pivot: '0',
        nom: '=HYPERLINK("https://evil.example","Cliquez")',
        adresse: '@SOMME(A1)',
        commune: '+CMD|calc',
        code_postal: '37000',
        telephone: '+33180059880',
        date_maj: '2026-01-01',
      },
    ]);
    const [cells] = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(cells!.nom).toBe(`'=HYPERLINK("https://evil.example","Cliquez")`);
    expect(cells!.adresse).toBe("'@SOMME(A1)");
    expect(cells!.commune).toBe("'+CMD|calc");
    expect(cells!.telephone).toBe('+33180059880');
  });
});
