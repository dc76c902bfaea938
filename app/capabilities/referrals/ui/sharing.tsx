// Ce qui est parti au lieu et à la personne : le lien signé d'un lieu sans compte (à copier, ou à renouveler) et
// les messages de l'outbox liés à l'orientation, avec leur état d'envoi.
import { Form } from 'react-router';
import { CsrfField } from '../../../ui/form';

export interface LinkView {
  url: string | null;
  sentTo: string | null;
  expiresAt: string;
  answered: boolean;
}

export function ReferralLink({ link, open, error }: { link: LinkView; open: boolean; error?: string }) {
  return (
    <section aria-labelledby="lien-lieu" className="fr-mt-4w">
      <h2 id="lien-lieu">Lien du lieu</h2>
      {link.url ? (
        <>
          <p>
            {link.sentTo
              ? `Envoyé à ${link.sentTo}.`
              : 'Le lieu n’a pas d’adresse e-mail dans l’annuaire : transmettez-lui ce lien (par e-mail ou message).'}{' '}
            Il vaut jusqu'au {link.expiresAt} et ne montre que le nom, le contact et le motif.
          </p>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="lien">
              Adresse du lien
            </label>
            <input className="fr-input" id="lien" type="text" readOnly value={link.url} />
          </div>
        </>
      ) : (
        <p>Le lien a expiré le {link.expiresAt}.</p>
      )}
      {open && !link.answered && (
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="lien" />
          {error && (
            <p className="fr-error-text" id="lien-erreur">
              {error}
            </p>
          )}
          <button className="fr-btn fr-btn--secondary" type="submit">
            Créer un nouveau lien (l’ancien ne fonctionnera plus)
          </button>
        </Form>
      )}
    </section>
  );
}

export interface MessageView {
  id: string;
  what: string;
  how: string;
  status: string;
  at: string;
  error: string | null;
}

export function ReferralMessages({ messages }: { messages: MessageView[] }) {
  if (messages.length === 0) return null;
  return (
    <section aria-labelledby="messages" className="fr-mt-4w">
      <h2 id="messages">Messages</h2>
      <ul className="relais-messages">
        {messages.map((m) => (
          <li key={m.id}>
            {m.what} — {m.how} : <strong>{m.status}</strong> ({m.at}){m.error ? ` — ${m.error}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
