import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long, and how much, a closing connection keeps reading what the client still sends. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * A lingering close (RFC 9112 §9.6) for answers given before the request body has all arrived,
 * such as a refused upload sent with `Connection: close`. Node closes the socket as soon as the
 * answer is written; with the client's bytes still unread, the kernel then sends a reset, and a
 * client still sending may meet the reset (EPIPE, ECONNRESET) before it reads the answer, so the
 * supplier sees a broken connection instead of "the file is larger than the limit". Here the
 * close waits while the rest is read and dropped, until the client stops sending, or for 2 s or
 * 8 MiB at most.
 */
export function lingerWhenAnsweredEarly(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'GET' || req.method === 'HEAD') return;
  const socket = req.socket; // the request lets go of it once it is done with
  res.once('finish', () => {
    if (req.complete || socket.destroyed) return;
    // Node closes a connection it will not keep (Connection: close) with destroySoon: our side
    // is ended, and the socket destroyed once that is written. No such listener, nothing to do.
    if (!socket.listeners('finish').includes(socket.destroy)) return;
    socket.removeListener('finish', socket.destroy);
    let dropped = 0;
    const close = () => socket.destroy();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    socket.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) close();
    });
    socket.once('end', close);
    socket.once('close', () => clearTimeout(timer));
    socket.resume();
  });
}
