// « Mes données » en PDF, à lire : chaque section de l'export, ses fiches l'une après l'autre, en grands caractères.
// Les mêmes données que le JSON (my-data.server.ts), avec des libellés en français et des dates lisibles.
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { dateFormat } from '../../platform/time';
import type { DataExport } from './my-data.server';

const SECTIONS: Record<string, string> = {
  personne: 'Ma fiche',
  espace_personnel: 'Mon espace personnel',
  sollicitations: 'Mes visites et mes appels',
  orientations: 'Les lieux où vous avez été envoyé',
  mandats: 'Mes mandats',
  actes_faits_en_mon_nom: 'Ce qui a été fait en mon nom',
  diagnostics: 'Mes diagnostics',
  points_faits_seul: 'Quand j’ai fait le point seul',
  papiers: 'Mes papiers rangés',
  envois_de_papiers: 'Mes papiers envoyés à des organismes',
  rendez_vous: 'Mes rendez-vous',
  ateliers: 'Mes ateliers',
  parcours: 'Mon parcours',
  demandes: 'Mes demandes',
  lectures_du_dossier: 'Qui a lu mon dossier',
};

const LABELS: Record<string, string> = {
  prenom: 'Prénom',
  annee_de_naissance: 'Année de naissance',
  telephone: 'Téléphone',
  email: 'E-mail',
  a_une_adresse_email: 'A une adresse e-mail',
  comptes_en_ligne: 'Comptes en ligne',
  accord_donne_le: 'Accord donné le',
  cree_le: 'Fiche créée le',
  accord_le: 'Accord donné le',
  le: 'Date',
  demarche: 'Démarche',
  resultat: 'Résultat',
  duree_minutes: 'Durée (minutes)',
  a_apporter: 'À apporter',
  rendez_vous: 'Rendez-vous',
  etat: 'État',
  partage_accepte: 'Partage accepté',
  delivre_le: 'Délivré le',
  range_le: 'Rangé le',
  detruit_le: 'Détruit le',
  pour: 'Pour',
  adresse: 'Adresse',
  jusqu_au: 'Jusqu’au',
  ouvertures: 'Ouvertures',
  geste: 'Geste',
  numero: 'Numéro',
  duree: 'Durée',
  signe_le: 'Signé le',
  fin: 'Fin',
  arrete_le: 'Arrêté le',
  service_en_ligne: 'Service en ligne',
  ce_qui_a_ete_fait: 'Ce qui a été fait',
  note_sur_100: 'Note sur 100',
  etape: 'Étape',
  pour_le: 'Pour le',
  reponse_avant_le: 'Réponse avant le',
  repondue_le: 'Répondue le',
  reponse: 'Réponse',
  role: 'Rôle',
  vu_par_le_mediateur_le: 'Vu par le médiateur le',
  reponses: 'Mes réponses',
  pris_le: 'Pris le',
  pris_par: 'Pris par',
};

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const labelOf = (key: string) => LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

function valueOf(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' && ISO.test(value)) return when.format(new Date(value));
  if (Array.isArray(value)) return value.length ? value.map(valueOf).join(', ') : '—';
  if (typeof value === 'object')
    return (
      Object.entries(value)
        .map(([k, v]) => `${k} : ${valueOf(v)}`)
        .join(', ') || '—'
    );
  return String(value);
}

export async function myDataPdf(data: DataExport, structureName: string) {
  const doc = createPdf({ title: 'Mes données', author: structureName });
  const width = doc.page.width - 2 * 56;
  doc.font(PDF_FONTS.bold).fontSize(24).text(pdfText('Mes données'), { width });
  doc
    .font(PDF_FONTS.regular)
    .fontSize(13)
    .text(pdfText(`Ce que ${structureName} garde de vous dans Relais, le ${when.format(new Date(data.exporte_le))}.`), { width });
  for (const [key, title] of Object.entries(SECTIONS)) {
    const section = data[key as keyof DataExport];
    const entries = (Array.isArray(section) ? section : section ? [section] : []) as Array<Record<string, unknown>>;
    doc.moveDown(1).font(PDF_FONTS.bold).fontSize(18).text(pdfText(title), { width }).font(PDF_FONTS.regular).fontSize(12);
    if (entries.length === 0) doc.text(pdfText('Rien.'), { width });
    for (const entry of entries) {
      doc.moveDown(0.4);
      for (const [field, value] of Object.entries(entry)) doc.text(pdfText(`${labelOf(field)} : ${valueOf(value)}`), { width, lineGap: 2 });
    }
  }
  return pdfBuffer(doc);
}
