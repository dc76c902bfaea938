// Côté agent : ouvrir un papier du coffre-fort. La personne ne l'a pas partagé avec cet agent : un motif est exigé,
// noté au journal avec l'ouverture, et montré à la personne dans son espace. Le formulaire envoie à la ressource
// « fichier » (personnes.$id.coffre.$document.fichier.ts), qui rend le fichier déchiffré ou revient ici avec l'erreur.
import { Form, Link, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.coffre.$document';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../ui/form';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { OPENING_REASON_ERROR } from '../rules';
import { DAMAGED_FILE_MESSAGE, vaultForAgent } from '../vault.server';
import { sharedWithMe } from '../agent-shares.server';
import { dateFormat } from '../../../platform/time';
import { DOCUMENT_KINDS, type DocumentKind } from '../vocabulary';

import { DOCUMENT_NOT_FOUND } from '../errors';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Ouvrir un papier : ${data?.document.kind ?? 'coffre-fort'} — Relais` }];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'coffre.gerer');
  const personId = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const documentId = requireIdParam(args.params.document, DOCUMENT_NOT_FOUND);
  const found = await vaultForAgent(ctx, personId);
  const document = found?.contents?.documents.find((d) => d.id === documentId && !d.removedAt);
  if (!found || !document) throw notFound(DOCUMENT_NOT_FOUND);
  const problem = new URL(args.request.url).searchParams.get('erreur');
  const shared = (await sharedWithMe(ctx, personId)).get(documentId);
  return {
    sharedUntil: shared ? when.format(shared.until) : null,
    person: found.person,
    document: { id: documentId, kind: DOCUMENT_KINDS[document.kind as DocumentKind]?.label ?? document.kind, fileName: document.fileName },
    // « abime » : le fichier chiffré n'a pas passé la vérification ; toute autre erreur : le motif refusé.
    error: problem && problem !== 'abime' ? OPENING_REASON_ERROR : null,
    damaged: problem === 'abime' ? DAMAGED_FILE_MESSAGE : null,
  };
}

export default function OpenDocument() {
  const { person, document, error, damaged, sharedUntil } = useLoaderData<typeof loader>();
  const errors = error ? { motif: error } : {};
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}/coffre`}>Coffre-fort de {person.label}</Link>
      </p>
      <h1>Ouvrir : {document.kind}</h1>
      {document.fileName && <p>Fichier « {document.fileName} ».</p>}
      {sharedUntil ? (
        <p>
          {person.label} vous a montré ce papier, jusqu'au {sharedUntil} : vous l'ouvrez sans motif. Elle verra dans son espace quand vous
          l'avez ouvert.
        </p>
      ) : (
        <p>
          {person.label} verra dans son espace que vous avez ouvert ce papier, quand, et pourquoi. Dites le motif en quelques mots (par
          exemple : « dossier de renouvellement CAF »).
        </p>
      )}
      {damaged && <Notice kind="error" title={damaged} />}
      <ErrorSummary errors={errors} labels={{ motif: 'Motif' }} />
      {/* Un document entier : la réponse est un fichier, que le navigateur enregistre. */}
      <Form method="post" action={`/personnes/${person.id}/coffre/${document.id}/fichier`} reloadDocument noValidate>
        <CsrfField />
        {!sharedUntil && <TextField name="motif" label="Motif" error={errors.motif} required />}
        <button type="submit" className="fr-btn fr-mt-2w">
          Ouvrir le papier
        </button>
      </Form>
    </div>
  );
}
