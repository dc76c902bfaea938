// Flux d'événements (server-sent events) de la file d'attente : un message à chaque changement.
import type { Route } from './+types/accueil.evenements';
import { QUEUE_TOPIC } from '../queue.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'file_attente.gerer');
  const agent = ctx.actor;
  const { events } = servicesOf(args.context);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send('retry: 5000\n\n');
      const unsubscribe = events.subscribe(agent.structureId, QUEUE_TOPIC, () => send('data: file\n\n'));
      // Un commentaire régulier garde la connexion ouverte à travers les proxys.
      const heartbeat = setInterval(() => send(': veille\n\n'), 25_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      args.request.signal.addEventListener('abort', () => {
        cleanup();
        controller.close();
      });
    },
    cancel: () => cleanup(),
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' },
  });
}
