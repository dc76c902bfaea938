import { data, Form, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/administration.utilisateurs';
import { cancelInvitation, changeRole, inviteMember, membersIn, pendingInvitationsIn, setAccess } from '../members.server';
import { accessChangeSchema, invitationCancelSchema, inviteSchema, isPartnerRole, roleChangeSchema, rolesOfferedTo } from '../rules';
import { requireAgent } from '../../../platform/authorize.server';
import { formValues, parseForm } from '../../../platform/forms.server';
import { isRole, ROLE_LABELS, ROLES, type Role } from '../../../platform/policies';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField, feedbackOf } from '../../../ui/form';
import { CardCell, CardRow, CardTable } from '../../../ui/card-table';
import { INVITE_ERRORS, MEMBERSHIP_ERRORS } from '../errors';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = () => [{ title: 'Utilisateurs — Administration — Relais' }];

const roleOptions = (roles: readonly Role[]) => roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
/** À l'invitation, le rôle « Partenaire » dit qu'il est pour une personne d'une autre structure. */
const inviteRoleOptions = ROLES.map((role) => ({
  value: role,
  label: isPartnerRole(role) ? `${ROLE_LABELS[role]} (personne d'une structure partenaire)` : ROLE_LABELS[role],
}));

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
  if (intent === 'role') {
    const parsed = parseForm(form, roleChangeSchema);
    if (!parsed.ok) return data({ intent, ...parsed.failure, done: null }, { status: 400 });
    const result = await changeRole(ctx, parsed.data.userId, parsed.data.role);
    if (!result.ok)
      return data({ intent, errors: { formulaire: MEMBERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
    const from = result.from ? ROLE_LABELS[result.from] : 'sans rôle';
    return {
      intent,
      errors: {},
      values: {},
      done:
        result.from === result.to
          ? `${result.displayName} était déjà ${ROLE_LABELS[result.to]} : rien n'a changé.`
          : `Rôle ${ofName(result.displayName)} changé : ${from} → ${ROLE_LABELS[result.to]}.`,
    };
  }
  const parsed = parseForm(form, accessChangeSchema);
  if (!parsed.ok) return data({ intent, ...parsed.failure, done: null }, { status: 400 });
  const result = await setAccess(ctx, parsed.data.userId, parsed.data.access);
  if (!result.ok) return data({ intent, errors: { formulaire: MEMBERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
  return {
    intent,
    errors: {},
    values: {},
    done:
      parsed.data.access === 'desactiver'
        ? `${result.displayName} n'a plus accès à la structure (rien n'est effacé : « Réactiver » le lui rend).`
        : `${result.displayName} a de nouveau accès à la structure.`,
  };
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
      <CardTable caption={`Agents de la structure (${members.length})`} columns={['Nom', 'E-mail', 'Rôle', 'État', 'Actions']}>
        {members.map((member) => (
          <CardRow key={member.userId}>
            <CardCell>
              <strong>{member.displayName}</strong>
            </CardCell>
            <CardCell label="E-mail">{member.email}</CardCell>
            <CardCell label={member.canChange ? undefined : 'Rôle'}>
              {member.canChange ? (
                <Form method="post" className="relais-inline-form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <SelectField
                    id={`role-${member.userId}`}
                    name="role"
                    label={`Rôle ${ofName(member.displayName)}`}
                    options={roleOptions(rolesOfferedTo(member.role))}
                    defaultValue={member.role}
                  />
                  <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                    Changer le rôle<span className="fr-sr-only"> {ofName(member.displayName)}</span>
                  </button>
                </Form>
              ) : (
                member.role && ROLE_LABELS[member.role]
              )}
            </CardCell>
            <CardCell label="État">
              {member.disabledAt
                ? 'Désactivé'
                : member.invitationPending
                  ? 'Invitation envoyée'
                  : member.totpEnabledAt
                    ? 'Actif · double authentification'
                    : 'Actif'}
            </CardCell>
            <CardCell>
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
            </CardCell>
          </CardRow>
        ))}
      </CardTable>

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
                    Annuler l'invitation<span className="fr-sr-only"> {ofName(invitation.displayName)}</span>
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
          options={inviteRoleOptions}
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
