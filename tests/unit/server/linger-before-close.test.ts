import { afterEach, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { lingerWhenAnsweredEarly } from '#server/linger-before-close.ts';

// A real server and client on 127.0.0.1: the server refuses the upload before reading it
// (413, Connection: close), the way a too-large price list is refused, and the client is still
// sending when the answer arrives.
describe('closing after an early answer', () => {
  let server: Server | undefined;
  afterEach(async () => { await new Promise((done) => server?.close(done) ?? done(undefined)); });

  async function refusingServer(linger: boolean): Promise<string> {
    server = createServer((req, res) => {
      if (linger) lingerWhenAnsweredEarly(req, res);
      const text = 'The file is larger than the limit.';
      res.writeHead(413, { 'content-type': 'text/plain', 'content-length': text.length, connection: 'close' }).end(text);
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  /**
   * A client that sends its body in pieces for a while without looking at the answer, then
   * ends it and reads what came back: what a slow uploader, or a proxy, does.
   */
  function uploadStillSending(base: string, pieces = 30): Promise<{ answer: string; error: string | null; ms: number }> {
    const { port } = new URL(base);
    return new Promise((done) => {
      // Half-open: the server's FIN does not stop it sending, as it does not stop an uploader busy writing.
      const socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
      const piece = `${(64 * 1024).toString(16)}\r\n${'x'.repeat(64 * 1024)}\r\n`;
      let answer = '';
      let error: string | null = null;
      socket.setEncoding('latin1').on('data', (text: string) => { answer += text; });
      socket.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; });
      const started = Date.now();
      socket.on('close', () => done({ answer, error, ms: Date.now() - started }));
      socket.write('POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ntransfer-encoding: chunked\r\n\r\n');
      let sent = 0;
      const more = setInterval(() => {
        if (socket.destroyed) return clearInterval(more);
        if (++sent < pieces) return void socket.write(piece);
        clearInterval(more);
        socket.end('0\r\n\r\n');
      }, 10);
    });
  }

  test('the connection stays open while the client is still sending, so it reads the refusal instead of a reset', async () => {
    const { answer, error } = await uploadStillSending(await refusingServer(true));
    expect(error).toBeNull();
    expect(answer).toMatch(/^HTTP\/1\.1 413 [^]*\r\n\r\nThe file is larger than the limit\.$/);
  });

  test('a client that never stops sending is cut off after a while all the same', async () => {
    const { answer, ms } = await uploadStillSending(await refusingServer(true), Infinity);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(ms).toBeLessThan(10_000);
  });

  test('without the lingering close the same client meets a reset (what the test above guards against)', async () => {
    const { error } = await uploadStillSending(await refusingServer(false));
    expect(error).toMatch(/^(EPIPE|ECONNRESET)$/);
  });
});
