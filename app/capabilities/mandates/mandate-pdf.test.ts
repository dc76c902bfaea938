// Le PDF du mandat se relit : on en extrait le texte (pdf.js) et on y cherche ce que la personne doit lire.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { mandatePdf } from './mandate-pdf.server';
import type { MandateView } from './mandates.server';

async function textOf(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { pages: document.numPages, text: pages.join('\n').replace(/\s+/g, ' ') };
}

const view = (change: Partial<MandateView['mandate']> = {}): MandateView => ({
  mandate: {
    structureId: 's',
    id: '0f1e2d3c-0000-4000-8000-000000000001',
    personId: 'p',
    mediatorId: 'm',
    areas: ['social', 'logement'],
    duration: 'six_mois',
    consentItems: ['objet', 'donnees', 'droits', 'revocable'],
    noProtectionMeasure: true,
    createdAt: new Date('2026-11-26T09:50:00'),
    signatureMethod: 'ecran_nom',
    signedAt: new Date('2026-11-26T10:00:00'),
    signerName: 'Awa Diop',
    signatureTrace: null,
    paperSignedOn: null,
    expiresAt: new Date('2027-05-26T10:00:00'),
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
    renewalOf: null,
    documentId: null,
    ...change,
  },
  status: 'actif',
  person: { id: 'p', label: 'Awa Diop', birthYear: 1962 },
  mediatorName: 'Julien Moreau',
  structure: { name: "CCAS d'Alpha", address: "1 place de l'Hôtel de Ville, 01000 Alpha" },
});

describe('PDF du mandat', () => {
  it('reprend la trame du modèle CNIL, avec les domaines, la durée et les signatures', async () => {
    const { text } = await textOf(await mandatePdf(view(), 'Alpha'));
    for (const expected of [
      'Mandat pour faire des démarches en ligne à ma place',
      'Awa Diop, né(e) en 1962',
      "Julien Moreau, médiateur ou médiatrice de CCAS d'Alpha",
      'Social - Santé : Allocations, assurance maladie, handicap, retraite.',
      'Logement : Aides au logement, logement social, énergie.',
      '6 mois : du 26 novembre 2026 à 10:00 au 26 mai 2027 à 10:00.',
      'Je peux mettre fin à ce mandat à tout moment',
      'Ne jamais noter ni garder mes mots de passe',
      'tutelle, curatelle, sauvegarde de justice ou habilitation familiale',
      'articles 1984 et suivants du Code civil',
      'Fait à Alpha, le 26 novembre 2026.',
      'Signé sur l’écran par Awa Diop (nom écrit et case cochée)',
    ])
      expect(text).toContain(expected);
  });

  it('laisse la date et la signature à remplir pour un mandat à signer sur papier', async () => {
    const { text } = await textOf(
      await mandatePdf(view({ signatureMethod: null, signedAt: null, expiresAt: null, signerName: null }), null),
    );
    expect(text).toContain('6 mois à partir de la signature.');
    expect(text).toContain('Fait à ____________________, le ____________________.');
    expect(text).not.toContain('Signé sur');
  });

  it('dessine un tracé de signature sans erreur', async () => {
    const { pages } = await textOf(
      await mandatePdf(
        view({ signatureMethod: 'ecran_trace', signatureTrace: 'M 10 10 L 200 150 L 400 20', signerName: 'Awa Diop' }),
        'Alpha',
      ),
    );
    expect(pages).toBeGreaterThanOrEqual(1);
  });
});
