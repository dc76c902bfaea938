// Flux d'événements (server-sent events) de la file d'attente : un message à chaque changement. Le flux survit à sa
// requête : à chaque battement, il vérifie que la session est toujours ouverte, et se ferme après une déconnexion.
import type { Route } from './+types/accueil.evenements';
import { QUEUE_TOPIC } from '../queue.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { sessionStillOpen } from '../../../platform/session.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'file_attente.gerer');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const { events } = services;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send('retry: 5000\n\n');
      let closed = false;
      const end = () => {
        if (closed) return;
        cleanup();
        controller.close();
      };
      // Le serveur s'arrête : le flux se ferme (le navigateur se reconnecte à une autre instance après `retry`).
      const unsubscribe = events.subscribe(agent.structureId, QUEUE_TOPIC, () => send('data: file\n\n'), end);
      cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
      };
      // Un commentaire régulier garde la connexion ouverte à travers les proxys ; une session fermée ferme le flux.
      const heartbeat = setInterval(() => {
        void sessionStillOpen(services, agent.sessionId).then((open) => {
          if (closed) return;
          if (open) return send(': veille\n\n');
          end();
        });
      }, services.config.sseHeartbeatMs);
      args.request.signal.addEventListener('abort', end);
    },
    cancel: () => cleanup(),
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' },
  });
}
