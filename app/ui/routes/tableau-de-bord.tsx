import { useLoaderData } from 'react-router';
import type { Route } from './+types/tableau-de-bord';
import { requireAgent } from '../../platform/authorize.server';
import { navigationFor, ROLE_LABELS } from '../../platform/policies';
import { pendingFor } from '../../capabilities/accounts/invitations.server';
import { Notice } from '../form';

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'tableau_de_bord.voir');
  const agent = ctx.actor;
  return {
    displayName: agent.displayName,
    structureName: agent.structureName,
    roleLabel: ROLE_LABELS[agent.role],
    shortcuts: navigationFor(agent).filter((item) => item.to !== '/'),
    invitations: (await pendingFor(ctx.tx, agent.email)).map((i) => i.structureName),
  };
}

export default function TableauDeBord() {
  const { displayName, structureName, roleLabel, shortcuts, invitations } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Bonjour {displayName}</h1>
      <p className="fr-text--lead">
        Vous êtes connecté(e) à {structureName} en tant que {roleLabel.toLowerCase()}.
      </p>
      {invitations.length > 0 && (
        <Notice
          kind="info"
          title={`${invitations.join(', ')} ${invitations.length > 1 ? 'vous invitent à rejoindre leur' : 'vous invite à rejoindre son'} équipe.`}
        >
          <a className="fr-link" href="/structure">
            Répondre à l'invitation
          </a>
        </Notice>
      )}
      {shortcuts.length > 0 ? (
        <>
          <h2>Vos espaces</h2>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {shortcuts.map((item) => (
              <li key={item.to}>
                <a className="fr-btn fr-btn--secondary" href={item.to}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Les espaces de travail de votre rôle (accueil, sollicitations, orientations…) apparaîtront ici dès leur mise en service.</p>
      )}
    </div>
  );
}
