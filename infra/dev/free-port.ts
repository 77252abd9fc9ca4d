import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

/**
 * A free loopback port in [min, max): for servers that store their ports in a narrow column (the Temporal server keeps
 * its membership ports in a smallint, so the kernel's ephemeral range above 32767 does not fit).
 */
export async function freePortInRange(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = min + Math.floor(Math.random() * (max - min));
    const free = await new Promise<boolean>((resolveFree) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolveFree(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in [${min}, ${max})`);
}

const PORT_TAKEN = /address already in use|EADDRINUSE/i;

/**
 * Starts a server on a port `freePort` found free, and again on another if the server could not bind it: between the
 * check and the bind (initdb alone takes seconds) another process may take the port, an outgoing connection's
 * ephemeral port included. `start` must clean up after itself when it fails.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (err) {
      // Not `instanceof Error`: errors of node's own modules come from another realm under jest.
      const message = (err as { message?: unknown } | null)?.message;
      const taken = typeof message === 'string' && PORT_TAKEN.test(message);
      if (!taken || attempt >= attempts) throw err;
    }
  }
}
