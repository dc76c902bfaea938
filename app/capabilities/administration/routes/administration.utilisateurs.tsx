import { data, Form, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/administration.utilisateurs';
import { cancelInvitation, changeRole, inviteMember, membersIn, pendingInvitationsIn, setAccess } from '../members.server';
import { accessChangeSchema, invitationCancelSchema, inviteSchema, roleChangeSchema } from '../rules';
import { requireAgent } from '../../../platform/authorize.server';
import { formValues, parseForm } from '../../../platform/forms.server';
import { isRole, ROLE_LABELS, ROLES } from '../../../platform/policies';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField, feedbackOf } from '../../../ui/form';
import { INVITE_ERRORS, MEMBERSHIP_ERRORS } from '../errors';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = () => [{ title: 'Utilisateurs — Administration — Relais' }];

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'utilisateurs.gerer');
  return { members: await membersIn(ctx.tx, ctx.actor), invitations: await pendingInvitationsIn(ctx.tx, ctx.actor) };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'utilisateurs.gerer');
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'inviter') {
    const parsed = parseForm(form, inviteSchema);
    if (!parsed.ok) return data({ intent, ...parsed.failure, done: null }, { status: 400 });
    const result = await inviteMember(ctx, parsed.data);
    if (!result.ok)
      return data({ intent, errors: { email: INVITE_ERRORS[result.error] }, values: formValues(form), done: null }, { status: 400 });
    return { intent, errors: {}, values: {}, done: `Invitation envoyée à ${parsed.data.email}.` };
  }
  if (intent === 'annuler-invitation') {
    const parsed = parseForm(form, invitationCancelSchema);
    if (!parsed.ok) return data({ intent, ...parsed.failure, done: null }, { status: 400 });
    const result = await cancelInvitation(ctx, parsed.data.invitationId);
    if (!result.ok)
      return data({ intent, errors: { formulaire: MEMBERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
    return { intent, errors: {}, values: {}, done: 'Invitation annulée.' };
  }
  const parsed = intent === 'role' ? parseForm(form, roleChangeSchema) : parseForm(form, accessChangeSchema);
  if (!parsed.ok) return data({ intent, ...parsed.failure, done: null }, { status: 400 });
  const result =
    'role' in parsed.data
      ? await changeRole(ctx, parsed.data.userId, parsed.data.role)
      : await setAccess(ctx, parsed.data.userId, parsed.data.access);
  if (!result.ok) return data({ intent, errors: { formulaire: MEMBERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
  return { intent, errors: {}, values: {}, done: 'Modification enregistrée.' };
}

export default function Utilisateurs() {
  const { members, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  const inviteErrors = result?.intent === 'inviter' ? errors : {};
  return (
    <div className="fr-container fr-my-6w">
      <h1>Utilisateurs</h1>
      {result?.done && <Notice kind="success" title={result.done} />}
      {errors.formulaire && <Notice kind="error" title={errors.formulaire} />}
      <div className="fr-table relais-table-wrap">
        {/* Focusable : le tableau défile horizontalement sur petit écran (accessible au clavier). */}
        <table tabIndex={0}>
          <caption>Agents de la structure ({members.length})</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">E-mail</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <td>{member.displayName}</td>
                <td>{member.email}</td>
                <td>
                  {member.canChange ? (
                    <Form method="post" className="relais-inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <SelectField
                        id={`role-${member.userId}`}
                        name="role"
                        label={`Rôle ${ofName(member.displayName)}`}
                        options={roleOptions}
                        defaultValue={member.role}
                      />
                      <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        Changer le rôle<span className="fr-sr-only"> de {member.displayName}</span>
                      </button>
                    </Form>
                  ) : (
                    member.role && ROLE_LABELS[member.role]
                  )}
                </td>
                <td>
                  {member.disabledAt
                    ? 'Désactivé'
                    : member.invitationPending
                      ? 'Invitation envoyée'
                      : member.totpEnabledAt
                        ? 'Actif · double authentification'
                        : 'Actif'}
                </td>
                <td>
                  {member.canChange && (
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="intent" value="acces" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <input type="hidden" name="access" value={member.disabledAt ? 'reactiver' : 'desactiver'} />
                      <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                        {member.disabledAt ? 'Réactiver' : 'Désactiver'}
                        <span className="fr-sr-only"> {member.displayName}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {invitations.length > 0 && (
        <>
          <h2 className="fr-mt-6w">Invitations en attente de réponse</h2>
          <p>Ces personnes ont déjà un compte Relais : elles rejoignent la structure quand elles acceptent l'invitation.</p>
          <ul className="fr-raw-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="fr-mb-2w">
                {invitation.displayName} ({invitation.email}) — {isRole(invitation.role) ? ROLE_LABELS[invitation.role] : invitation.role}
                <Form method="post" className="relais-inline-form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="annuler-invitation" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary fr-ml-2w" type="submit">
                    Annuler l'invitation<span className="fr-sr-only"> de {invitation.displayName}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 className="fr-mt-6w">Inviter un agent</h2>
      <p>
        L'agent reçoit un e-mail. S'il n'a pas encore de compte Relais, il choisit son mot de passe et active la double authentification à
        sa première connexion ; s'il en a un, il accepte l'invitation en se connectant.
      </p>
      <ErrorSummary errors={inviteErrors} labels={{ email: 'Adresse e-mail', displayName: 'Prénom et nom', role: 'Rôle' }} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="inviter" />
        <TextField
          name="displayName"
          label="Prénom et nom"
          autoComplete="off"
          required
          defaultValue={values.displayName}
          error={inviteErrors.displayName}
        />
        <TextField
          name="email"
          label="Adresse e-mail professionnelle"
          hint="Format attendu : prenom.nom@exemple.fr"
          type="email"
          autoComplete="off"
          required
          defaultValue={values.email}
          error={inviteErrors.email}
        />
        <SelectField
          name="role"
          label="Rôle"
          options={roleOptions}
          placeholder="Choisir un rôle"
          required
          defaultValue={values.role}
          error={inviteErrors.role}
        />
        <button className="fr-btn" type="submit">
          Envoyer l'invitation
        </button>
      </Form>
    </div>
  );
}
