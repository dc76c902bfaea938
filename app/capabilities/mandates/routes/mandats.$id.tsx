import { data, Form, Link, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mandats.$id';
import { markPaperSigned, readMandate, revokeMandate, signOnScreen } from '../mandates.server';
import { fileScannedMandate, fileSignedMandate, mandateVaultState } from '../in-vault.server';
import { IntakeError, tooLargeMessage, uploadsOf } from '../../vault/intake.server';
import { MAX_UPLOAD_BYTES } from '../../vault/vocabulary';
import { PaperFilesField } from '../../vault/ui/paper-files-field';
import { storageFailureMessage } from '../../vault/vault.server';
import { localDay } from '../../../platform/time';
import { paperSignatureSchema, revocationSchema, screenSignatureSchema } from '../rules';
import { SignaturePad } from '../ui/signature-pad';
import { AREAS, DURATIONS, SIGNATURE_METHODS, STATUSES, type Area, type Duration, type SignatureMethod } from '../vocabulary';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { feedback, type FormFailure, formFailure, parseForm } from '../../../platform/forms.server';
import { CheckboxGroup, CsrfField, Notice, TextField, feedbackOf } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { MANDATE_ERRORS, MANDATE_NOT_FOUND } from '../errors';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Mandat ${ofName(data?.person.label ?? 'la personne')} — Relais` }];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const services = servicesOf(args.context);
  const id = requireIdParam(args.params.id, MANDATE_NOT_FOUND);
  const view = await readMandate(ctx, id);
  if (!view) throw notFound(MANDATE_NOT_FOUND);
  const { mandate } = view;
  const params = new URL(args.request.url).searchParams;
  return {
    id: mandate.id,
    person: view.person,
    status: view.status,
    statusLabel: STATUSES[view.status],
    mediatorName: view.mediatorName,
    areas: (mandate.areas as Area[]).map((a) => `${AREAS[a].label} (${AREAS[a].detail})`),
    duration: DURATIONS[mandate.duration as Duration].label,
    createdAt: when.format(mandate.createdAt),
    signedAt: mandate.signedAt ? when.format(mandate.signedAt) : null,
    signature: mandate.signatureMethod ? SIGNATURE_METHODS[mandate.signatureMethod as SignatureMethod] : null,
    signerName: mandate.signerName,
    expiresAt: mandate.expiresAt ? when.format(mandate.expiresAt) : null,
    revokedAt: mandate.revokedAt ? when.format(mandate.revokedAt) : null,
    revocationReason: mandate.revocationReason,
    today: localDay(services.now()),
    notice: params.has('cree') ? 'Mandat établi : faites-le signer pour qu’il devienne actif.' : null,
    tooLarge: Number(params.get('trop-gros')) > 0 ? tooLargeMessage(Number(params.get('trop-gros'))) : null,
    vault: await mandateVaultState(ctx, mandate),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'mandats.gerer');
  const services = servicesOf(args.context);
  const id = requireIdParam(args.params.id, MANDATE_NOT_FOUND);
  const form = await args.request.formData();
  const intent = form.get('intent');
  const fail = (failure: FormFailure) => formFailure(failure, { intent, done: null });
  let result: { ok: true } | { ok: false; error: keyof typeof MANDATE_ERRORS };
  let done: string;
  if (intent === 'ecran') {
    const parsed = parseForm(form, screenSignatureSchema);
    if (!parsed.ok) return fail(parsed.failure);
    result = await signOnScreen(ctx, id, parsed.data);
    done = 'Mandat signé : il est actif.';
    if (result.ok && (await fileSignedMandate(ctx, id))) done += ' Le mandat signé est rangé dans le coffre-fort de la personne.';
  } else if (intent === 'papier') {
    const parsed = parseForm(form, paperSignatureSchema(services.now()));
    if (!parsed.ok) return fail(parsed.failure);
    result = await markPaperSigned(ctx, id, parsed.data.signedOn);
    done = 'Signature sur papier enregistrée : le mandat est actif. Gardez le papier signé.';
    if (result.ok && (await fileSignedMandate(ctx, id))) done += ' Son PDF est rangé dans le coffre-fort ; joignez-y le papier scanné.';
  } else if (intent === 'scan') {
    try {
      const scanned = await fileScannedMandate(ctx, id, await uploadsOf(form));
      result = scanned.ok ? scanned : { ok: false, error: scanned.error };
    } catch (error) {
      if (error instanceof IntakeError) return data(feedback({ scan: error.message }, {}, { intent, done: null }), { status: 400 });
      const failure = storageFailureMessage(error);
      if (failure) return data(feedback({ scan: failure }, {}, { intent, done: null }), { status: 503 });
      throw error;
    }
    done = 'Mandat papier scanné rangé dans le coffre-fort de la personne.';
  } else if (intent === 'revoquer') {
    const parsed = parseForm(form, revocationSchema);
    if (!parsed.ok) return fail(parsed.failure);
    result = await revokeMandate(ctx, id, parsed.data.reason!);
    done = 'Mandat révoqué : il ne couvre plus aucun acte.';
  } else throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  if (!result.ok && result.error === 'introuvable') throw notFound(MANDATE_NOT_FOUND);
  if (!result.ok) return data(feedback({ formulaire: MANDATE_ERRORS[result.error] }, {}, { intent, done: null }), { status: 409 });
  return feedback({}, {}, { intent, done });
}

export default function Mandat() {
  const m = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  const errorsOf = (intent: string) => (result?.intent === intent ? errors : {});
  const scanError = (errorsOf('scan') as { scan?: string }).scan ?? m.tooLarge ?? undefined;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${m.person.id}/mandats`}>Mandats et journal de {m.person.label}</Link>
      </p>
      <h1>Mandat de {m.person.label}</h1>
      {m.notice && !result && <Notice kind="info" title={m.notice} />}
      {result?.done && <Notice kind="success" title={result.done} />}
      {errors.formulaire && <Notice kind="error" title={errors.formulaire} />}
      <p>
        <span
          className={`fr-badge ${m.status === 'actif' ? 'fr-badge--success' : m.status === 'a_signer' ? 'fr-badge--info' : 'fr-badge--error'}`}
        >
          {m.statusLabel}
        </span>
      </p>
      <dl className="relais-facts">
        <dt>Domaines</dt>
        <dd>
          <ul>
            {m.areas.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </dd>
        <dt>Durée</dt>
        <dd>{m.duration}</dd>
        <dt>Mandataire</dt>
        <dd>{m.mediatorName}</dd>
        <dt>Établi le</dt>
        <dd>{m.createdAt}</dd>
        {m.signedAt && (
          <>
            <dt>Signé</dt>
            <dd>
              le {m.signedAt} — {m.signature}
              {m.signerName ? ` par ${m.signerName}` : ''}
            </dd>
            <dt>Échéance</dt>
            <dd>{m.expiresAt}</dd>
          </>
        )}
        {m.revokedAt && (
          <>
            <dt>Révoqué</dt>
            <dd>
              le {m.revokedAt} : {m.revocationReason}
            </dd>
          </>
        )}
      </dl>
      <p>
        <a className="fr-link fr-icon-file-pdf-line fr-link--icon-left" href={`/mandats/${m.id}/pdf`}>
          Le mandat en PDF (à imprimer, à remettre à la personne)
        </a>
      </p>

      {m.status === 'a_signer' && (
        <>
          <section aria-labelledby="signer-ecran" className="fr-mt-4w">
            <h2 id="signer-ecran">Signer sur l'écran</h2>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="ecran" />
              <TextField
                name="signerName"
                label="Nom complet de la personne"
                hint="La personne l'écrit, ou le relit et le confirme"
                autoComplete="off"
                defaultValue={values.signerName}
                error={errorsOf('ecran').signerName}
              />
              <SignaturePad name="trace" />
              <CheckboxGroup
                name="signed"
                legend="Signature"
                options={[{ value: 'oui', label: 'La personne signe ce mandat : elle a entendu et accepté chaque point.' }]}
                error={errorsOf('ecran').signed}
              />
              <button className="fr-btn" type="submit">
                Enregistrer la signature
              </button>
            </Form>
          </section>
          <section aria-labelledby="signer-papier" className="fr-mt-4w">
            <h2 id="signer-papier">Ou signer sur papier</h2>
            <p>Imprimez le PDF, faites-le signer, puis indiquez la date écrite sur le papier.</p>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="papier" />
              <TextField
                name="signedOn"
                label="Date de signature sur le papier"
                type="date"
                defaultValue={values.signedOn ?? m.today}
                error={errorsOf('papier').signedOn}
              />
              <button className="fr-btn fr-btn--secondary" type="submit">
                Le mandat papier est signé
              </button>
            </Form>
          </section>
        </>
      )}

      {m.status === 'actif' && (
        <section aria-labelledby="coffre-mandat" className="fr-mt-4w">
          <h2 id="coffre-mandat">Dans le coffre-fort de la personne</h2>
          {m.vault.filed && (
            <p>
              Le mandat signé est rangé dans son <Link to={`/personnes/${m.person.id}/coffre`}>coffre-fort</Link>.
            </p>
          )}
          {m.vault.vaultOpen ? (
            // Un envoi de document entier : un fichier trop gros est arrêté par le serveur, qui revient ici avec sa taille.
            <Form method="post" encType="multipart/form-data" reloadDocument noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="scan" />
              <PaperFilesField
                label="Mandat papier signé, scanné ou photographié"
                hint={`PDF ou photos (JPEG, PNG, HEIC), ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo au plus ; plusieurs pages réunies en un PDF. Il devient la pièce du mandat dans le coffre-fort.`}
                error={scanError}
              />
              <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
                Ranger le mandat papier
              </button>
            </Form>
          ) : (
            <p>
              La personne n’a pas de coffre-fort : recueillez son accord depuis sa{' '}
              <Link to={`/personnes/${m.person.id}/coffre`}>page coffre-fort</Link> pour y ranger le mandat signé.
            </p>
          )}
        </section>
      )}

      {(m.status === 'actif' || m.status === 'a_signer') && (
        <section aria-labelledby="revoquer" className="fr-mt-4w">
          <h2 id="revoquer">Révoquer</h2>
          <p>La personne peut mettre fin au mandat à tout moment, sans se justifier.</p>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="revoquer" />
            <TextField
              name="reason"
              label="Motif"
              hint="Par exemple « à la demande de la personne »"
              autoComplete="off"
              defaultValue={values.reason}
              error={errorsOf('revoquer').reason}
            />
            <button className="fr-btn fr-btn--tertiary" type="submit">
              Révoquer le mandat
            </button>
          </Form>
        </section>
      )}

      {(m.status === 'actif' || m.status === 'expire' || m.status === 'revoque') && (
        <p className="fr-mt-4w">
          <Link className="fr-btn fr-btn--secondary" to={`/personnes/${m.person.id}/mandats/nouveau?renouvelle=${m.id}`}>
            Renouveler (nouveau mandat, mêmes domaines)
          </Link>
        </p>
      )}
    </div>
  );
}
