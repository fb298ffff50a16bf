import { createServer } from 'node:net';
import { STACK_HOST } from '@fraud/common';

/** True when nothing listens on the port; found by trying to listen, as the server will. */
export function isPortFree(port: number, host = STACK_HOST): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolvePort(true)));
  });
}
