import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/tableau-de-bord.tsx'),
  route('connexion', 'routes/connexion.tsx'),
  route('connexion/code', 'routes/connexion.code.tsx'),
  route('compte/double-authentification', 'routes/compte.double-authentification.tsx'),
  route('mot-de-passe-oublie', 'routes/mot-de-passe-oublie.tsx'),
  route('mot-de-passe/nouveau', 'routes/mot-de-passe.nouveau.tsx'),
  route('deconnexion', 'routes/deconnexion.tsx'),
  route('structure', 'routes/structure.tsx'),
  route('administration/utilisateurs', 'routes/administration.utilisateurs.tsx'),
  route('administration/structure', 'routes/administration.structure.tsx'),
  route('administration/organismes', 'routes/administration.organismes.tsx'),
  route('administration/journal', 'routes/administration.journal.tsx'),
  route('accueil', 'routes/accueil.tsx'),
  route('accueil/evenements', 'routes/accueil.evenements.ts'),
  route('sollicitations', 'routes/sollicitations.tsx'),
  route('sollicitations/nouvelle', 'routes/sollicitations.nouvelle.tsx'),
  route('personnes/:id', 'routes/personnes.$id.tsx'),
  route('personnes/:id/modifier', 'routes/personnes.$id.modifier.tsx'),
  route('*', 'routes/introuvable.tsx'),
] satisfies RouteConfig;
