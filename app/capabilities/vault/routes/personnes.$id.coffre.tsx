// Côté agent : le coffre-fort d'une personne, depuis sa fiche. L'accord d'abord (une fois) ; puis ajouter un papier
// (fichier ou photo, plusieurs pages réunies), voir les papiers et leur validité, en ouvrir un (motif exigé, tracé,
// montré à la personne), en retirer un (sa clé détruite). Chaque consultation de la page est tracée.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.coffre';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { isId, notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat, today } from '../../../platform/time';
import { ofName } from '../../../platform/text';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField, feedbackOf, optionsOf } from '../../../ui/form';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { IntakeError, prepareDocument, tooLargeMessage, uploadsOf } from '../intake.server';
import { documentDetailsSchema, validityOf } from '../rules';
import { sharesForAgent } from '../shares.server';
import { sharedWithMe } from '../agent-shares.server';
import { addDocumentForAgent, recordVaultConsent, removeDocumentForAgent, storageFailureMessage, vaultForAgent } from '../vault.server';
import { DOCUMENT_KINDS, MAX_UPLOAD_BYTES, type DocumentKind } from '../vocabulary';
import { PaperFilesField } from '../ui/paper-files-field';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Coffre-fort ${ofName(data?.person.label ?? 'la personne')} — Relais` }];

const day = dateFormat({ dateStyle: 'long' });
const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const dayOf = (iso: string | null) => (iso ? day.format(new Date(`${iso}T12:00:00`)) : null);
const DONE: Record<string, string> = {
  accord: 'Accord enregistré : le coffre-fort de la personne est ouvert.',
  ajoute: 'Papier ajouté, chiffré dans le coffre-fort.',
  retire: 'Papier retiré : sa clé est détruite, il ne peut plus être lu.',
};
const LABELS = {
  accord: 'Accord de la personne',
  kind: 'Type de papier',
  fichiers: 'Fichier ou photo',
  issuedOn: 'Délivré le',
  expiresOn: "Valable jusqu'au",
};

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'coffre.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const found = await vaultForAgent(ctx, id);
  if (!found) throw notFound(PERSON_NOT_FOUND);
  const url = new URL(args.request.url);
  const tooLarge = Number(url.searchParams.get('trop-gros'));
  const on = today(ctx.now);
  const shares = found.contents ? await sharesForAgent(ctx, id) : [];
  const mine = found.contents ? await sharedWithMe(ctx, id) : new Map<string, { until: Date }>();
  const kindOf = new Map((found.contents?.documents ?? []).map((d) => [d.id, DOCUMENT_KINDS[d.kind as DocumentKind]?.label ?? d.kind]));
  return {
    person: found.person,
    shares: shares.map((share) => ({
      id: share.id,
      recipient: `${share.recipientName}${share.recipientEmail ? ` (${share.recipientEmail})` : ''}`,
      papers: share.documentIds.map((documentId) => kindOf.get(documentId) ?? 'papier retiré').join(', '),
      state:
        share.status === 'actif'
          ? `Jusqu'au ${when.format(share.expiresAt)}${share.blocked ? ' — bloqué après 5 codes faux' : ''}`
          : share.status === 'expire'
            ? `Fini le ${when.format(share.expiresAt)}`
            : `Arrêté le ${when.format(share.revokedAt!)}`,
      openings: share.events.map(
        (e) =>
          `${e.action === 'telecharge' ? 'Téléchargé' : 'Ouvert'} le ${when.format(e.at)} : ${kindOf.get(e.documentId) ?? 'papier retiré'}`,
      ),
      createdAt: day.format(share.createdAt),
    })),
    done: DONE[url.searchParams.get('fait') ?? ''] ?? null,
    tooLarge: tooLarge > 0 ? tooLargeMessage(tooLarge) : null,
    consentAt: found.contents ? day.format(found.contents.vault.consentAt) : null,
    documents: (found.contents?.documents ?? []).map((d) => ({
      id: d.id,
      kind: DOCUMENT_KINDS[d.kind as DocumentKind]?.label ?? d.kind,
      fileName: d.fileName,
      issuedOn: dayOf(d.issuedOn),
      expiresOn: dayOf(d.expiresOn),
      validity: d.removedAt ? null : validityOf(d.expiresOn, on),
      pages: d.pageCount,
      size: `${Math.max(1, Math.round(d.sizeBytes / 1024))} Ko`,
      added: `Ajouté le ${day.format(d.createdAt)} ${d.addedByPerson ? 'par la personne' : `par ${d.addedByName ?? 'un agent'}`}`,
      removed: d.removedAt ? `Retiré le ${day.format(d.removedAt)}` : null,
      sharedWithMe: mine.has(d.id) ? `La personne vous l'a montré, jusqu'au ${when.format(mine.get(d.id)!.until)}` : null,
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'coffre.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData().catch(() => null);
  if (!form) return data({ errors: { formulaire: 'Le formulaire est illisible : rechargez la page puis recommencez.' } }, { status: 400 });
  const intent = form.get('intent');
  if (intent === 'accord') {
    if (form.get('accord') !== 'oui')
      return rejectForm(form, {
        accord: 'Cochez la case une fois que la personne a dit oui, après lui avoir lu ce que fait le coffre-fort.',
      });
    if (!(await recordVaultConsent(ctx, id))) throw notFound(PERSON_NOT_FOUND);
    throw redirect(`/personnes/${id}/coffre?fait=accord`);
  }
  if (intent === 'ajouter') {
    const parsed = parseForm(form, documentDetailsSchema(today(ctx.now)));
    if (!parsed.ok) return formFailure(parsed.failure);
    const uploads = await uploadsOf(form);
    try {
      const prepared = await prepareDocument(uploads);
      const fileName = uploads.length === 1 ? uploads[0]!.name : `${DOCUMENT_KINDS[parsed.data.kind].label} (${uploads.length} pages)`;
      const added = await addDocumentForAgent(ctx, id, { ...parsed.data, fileName }, prepared);
      if (!added) throw notFound(PERSON_NOT_FOUND);
    } catch (error) {
      if (error instanceof IntakeError) return rejectForm(form, { fichiers: error.message });
      const failure = storageFailureMessage(error);
      if (failure) return rejectForm(form, { fichiers: failure }, {}, 503);
      throw error;
    }
    throw redirect(`/personnes/${id}/coffre?fait=ajoute`);
  }
  if (intent === 'retirer') {
    const documentId = form.get('document');
    if (!isId(documentId) || !(await removeDocumentForAgent(ctx, id, documentId)))
      return rejectForm(form, { formulaire: "Ce papier n'est plus dans le coffre-fort de la personne : il a peut-être déjà été retiré." });
    throw redirect(`/personnes/${id}/coffre?fait=retire`);
  }
  return rejectForm(form, { formulaire: 'Action non reconnue : recueillir l’accord, ajouter un papier ou en retirer un.' });
}

export default function PersonVault() {
  const { person, done, tooLarge, consentAt, documents, shares } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  const fileError = errors.fichiers ?? tooLarge ?? undefined;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}`}>Fiche de {person.label}</Link>
      </p>
      <h1>Coffre-fort de {person.label}</h1>
      {done && <Notice kind="success" title={done} />}
      <ErrorSummary errors={{ ...errors, ...(tooLarge ? { fichiers: tooLarge } : {}) }} labels={LABELS} />
      {consentAt === null ? (
        <section aria-labelledby="accord-titre">
          <h2 id="accord-titre">Recueillir l'accord de la personne</h2>
          <p>Lisez-lui ceci avant de cocher :</p>
          <ul>
            <li>
              Ses papiers sont gardés chiffrés : seuls les agents qui l'accompagnent ici peuvent les ouvrir, et chaque ouverture est notée.
            </li>
            <li>Elle voit dans son espace qui a ouvert quoi, et quand.</li>
            <li>Elle peut retirer un papier à tout moment : il devient illisible, même dans les sauvegardes.</li>
          </ul>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="accord" />
            <div className={`fr-checkbox-group${errors.accord ? ' fr-checkbox-group--error' : ''}`}>
              <input type="checkbox" id="accord" name="accord" value="oui" aria-describedby={errors.accord ? 'accord-erreur' : undefined} />
              <label className="fr-label" htmlFor="accord">
                La personne accepte que ses papiers soient gardés dans le coffre-fort de la structure.
              </label>
              {errors.accord && (
                <p className="fr-error-text" id="accord-erreur">
                  {errors.accord}
                </p>
              )}
            </div>
            <button type="submit" className="fr-btn fr-mt-2w">
              Enregistrer l'accord
            </button>
          </Form>
        </section>
      ) : (
        <>
          <p>Accord de la personne donné le {consentAt}.</p>
          <section aria-labelledby="papiers-titre">
            <h2 id="papiers-titre">Ses papiers</h2>
            {documents.length === 0 ? (
              <p>Aucun papier pour l'instant.</p>
            ) : (
              <ul className="relais-plain-list">
                {documents.map((d) => (
                  <li key={d.id} className="fr-mb-4w">
                    <h3 className="fr-h5 fr-mb-1w">
                      {d.kind}
                      {d.fileName && <span className="fr-text--regular"> — {d.fileName}</span>}
                    </h3>
                    {d.removed ? (
                      <p>
                        <span className="fr-badge fr-badge--sm">{d.removed}</span> Sa clé est détruite : il ne peut plus être lu.
                      </p>
                    ) : (
                      <>
                        <p className="fr-mb-1w">
                          {d.issuedOn && <>Délivré le {d.issuedOn}. </>}
                          {d.expiresOn ? <>Valable jusqu'au {d.expiresOn}. </> : <>Sans date de fin. </>}
                          {d.validity === 'expire' && <span className="fr-badge fr-badge--error fr-badge--sm">Expiré</span>}
                          {d.validity === 'bientot' && <span className="fr-badge fr-badge--warning fr-badge--sm">Expire bientôt</span>}
                        </p>
                        <p className="fr-text--sm fr-mb-1w">
                          {d.pages} page{d.pages > 1 ? 's' : ''}, {d.size}. {d.added}.
                          {d.sharedWithMe && <> {d.sharedWithMe} : sans motif.</>}
                        </p>
                        <p className="fr-mb-1w">
                          <Link to={`/personnes/${person.id}/coffre/${d.id}`}>
                            Ouvrir<span className="fr-sr-only"> le papier {d.kind}</span>
                          </Link>
                        </p>
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="retirer" />
                          <input type="hidden" name="document" value={d.id} />
                          <button type="submit" className="fr-btn fr-btn--tertiary fr-btn--sm">
                            Retirer ce papier<span className="fr-sr-only"> ({d.kind})</span>
                          </button>
                        </Form>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {shares.length > 0 && (
            <section aria-labelledby="partages-titre">
              <h2 id="partages-titre">Papiers transmis par la personne</h2>
              <ul className="relais-plain-list">
                {shares.map((share) => (
                  <li key={share.id} className="fr-mb-3w">
                    <h3 className="fr-h6 fr-mb-1w">
                      Le {share.createdAt}, à {share.recipient}
                    </h3>
                    <p className="fr-mb-1w">
                      {share.papers}. {share.state}.
                    </p>
                    {share.openings.length > 0 && (
                      <ul>
                        {share.openings.map((opening, index) => (
                          <li key={index}>{opening}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="ajouter-titre">
            <h2 id="ajouter-titre">Ajouter un papier</h2>
            {/* Un envoi de document entier : un fichier trop gros est arrêté par le serveur, qui revient ici avec sa taille. */}
            <Form method="post" encType="multipart/form-data" reloadDocument noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="ajouter" />
              <SelectField
                name="kind"
                label={LABELS.kind}
                options={optionsOf(DOCUMENT_KINDS)}
                placeholder="Choisir"
                defaultValue={values.kind}
                error={errors.kind}
              />
              <PaperFilesField
                label={LABELS.fichiers}
                hint={`PDF, JPEG, PNG ou HEIC (photo d'iPhone), ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo au plus. Plusieurs fichiers : les pages d'un même papier, réunies dans l'ordre en un seul PDF.`}
                error={fileError}
                photo
              />
              <TextField
                name="issuedOn"
                type="date"
                label={LABELS.issuedOn}
                hint="Facultatif."
                defaultValue={values.issuedOn}
                error={errors.issuedOn}
              />
              <TextField
                name="expiresOn"
                type="date"
                label={LABELS.expiresOn}
                hint="Facultatif. La personne et vous serez prévenus avant la fin de validité."
                defaultValue={values.expiresOn}
                error={errors.expiresOn}
              />
              <button type="submit" className="fr-btn fr-mt-2w">
                Ajouter au coffre-fort
              </button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
