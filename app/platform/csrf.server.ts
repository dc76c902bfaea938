// Protection CSRF sans JavaScript : jeton aléatoire en cookie (HttpOnly, SameSite=Lax) recopié dans
// un champ caché `csrf` de chaque formulaire ; tout POST sans jeton identique est refusé (403).
import { data, type MiddlewareFunction } from 'react-router';
import { csrfContext, servicesContext } from './context';
import { csrfCookie } from './cookies.server';
import { randomToken, safeEqual } from './crypto.server';

export const CSRF_FIELD = 'csrf';

const refuse = () =>
  data({ message: 'Ce formulaire a expiré ou ne provient pas de Relais. Rechargez la page puis recommencez.' }, { status: 403 });

export const csrfMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const cookie = csrfCookie(context.get(servicesContext).config.secureCookies);
  const existing = (await cookie.parse(request.headers.get('Cookie'))) as string | null;
  const token = typeof existing === 'string' && existing.length >= 32 ? existing : randomToken();
  context.set(csrfContext, token);

  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    const origin = request.headers.get('Origin');
    if (origin && origin !== new URL(request.url).origin) throw refuse();
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const submitted = form?.get(CSRF_FIELD) ?? null;
    if (!existing || typeof submitted !== 'string' || !safeEqual(submitted, token)) throw refuse();
    // Un caractère nul (que PostgreSQL refuse dans un texte) ou un caractère de remplacement (un envoi mal encodé,
    // qu'aucun navigateur ne produit) n'a rien à faire dans un formulaire : refus net, en français, pour tous.
    if (form && [...form.values()].some((value) => typeof value === 'string' && (value.includes('\u0000') || value.includes('\uFFFD'))))
      throw data(
        { message: 'Le formulaire contient des caractères illisibles (envoi mal encodé) : retapez le texte puis recommencez.' },
        { status: 400 },
      );
  }

  const response = await next();
  if (token !== existing) response.headers.append('Set-Cookie', await cookie.serialize(token));
  return response;
};
