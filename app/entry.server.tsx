// Rendu serveur : toute la page est rendue avant l'envoi (pas de streaming), avec le nonce CSP
// transmis aux scripts de React Router.
import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { renderToPipeableStream } from 'react-dom/server';
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from 'react-router';
import { nonceContext } from './platform/context';
import { NonceProvider } from './ui/nonce';
import { errorLogLine, REQUEST_ID_HEADER } from './platform/log';

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === 'HEAD') return new Response(null, { status, headers });
  const nonce = loadContext.get(nonceContext);
  return new Promise<Response>((resolve, reject) => {
    let statusCode = status;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough();
          headers.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status: statusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error) {
          statusCode = 500;
          console.error(errorLogLine(error, request.headers.get(REQUEST_ID_HEADER)));
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000).unref();
  });
}

/** Les erreurs des loaders et des actions : journalisées sans leur message (données personnelles), avec le numéro de la requête. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  console.error(errorLogLine(error, request.headers.get(REQUEST_ID_HEADER)));
};

// Le serveur HTTP (server/main.ts) démarre Relais avec le même exemplaire des modules que les routes.
export { bootstrap, createLoadContext } from './bootstrap.server';
export { startBackgroundWorker } from './jobs.server';
