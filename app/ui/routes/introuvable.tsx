import { data } from 'react-router';
import type { Route } from './+types/introuvable';
import { allowPublic } from '../../platform/authorize.server';

// Toute adresse inconnue : la page 404 française du gabarit.
export function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  throw data(null, { status: 404 });
}

export function action(args: Route.ActionArgs) {
  allowPublic(args);
  throw data(null, { status: 404 });
}

export default function Introuvable() {
  return null;
}
