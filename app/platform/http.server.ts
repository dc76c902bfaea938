// Les réponses HTTP que partagent les routes : un enregistrement absent et celui d'une autre structure reçoivent
// la même réponse 404, avec un message français propre à ce qu'on cherchait.
import { data, type MiddlewareFunction } from 'react-router';
import { z } from 'zod';

export const notFound = (message: string) => data({ message }, { status: 404 });

/** Un identifiant bien formé (avant de le comparer en base, où un identifiant mal formé lèverait une erreur). */
export const isId = (value: unknown): value is string => z.uuid().safeParse(value).success;

/** L'identifiant d'un paramètre d'adresse, ou la réponse 404 : un identifiant mal formé n'existe pas. */
export function requireIdParam(value: string | undefined, message: string): string {
  if (!isId(value)) throw notFound(message);
  return value;
}

/**
 * Les pages, fichiers et exports de Relais portent des données personnelles : ni le navigateur ni un proxy ne les
 * gardent (`no-store`), sauf réponse qui dit elle-même autre chose. Les fichiers statiques sont servis avant.
 */
export const noStoreMiddleware: MiddlewareFunction<Response> = async (_args, next) => {
  const response = await next();
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
};

/** Un PDF rendu au navigateur, affiché (`inline`) ou à enregistrer, jamais gardé en cache. */
export function pdfResponse(pdf: Uint8Array, filename: string, inline: boolean) {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
