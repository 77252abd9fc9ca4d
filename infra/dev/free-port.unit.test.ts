import { createServer, type Server } from 'node:net';
import { onFreePort } from './free-port';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('onFreePort', () => {
  it('starts again on another port when another process took the first one between the check and the bind', async () => {
    const tried: number[] = [];
    const thieves: Server[] = [];
    const server = await onFreePort(async (port) => {
      tried.push(port);
      // The first port is taken by someone else just before our server binds it.
      if (tried.length === 1) thieves.push(await listen(port));
      return listen(port);
    });
    try {
      expect(tried).toHaveLength(2);
      expect(tried[1]).not.toBe(tried[0]);
      const address = server.address();
      expect(typeof address === 'object' && address?.port).toBe(tried[1]);
    } finally {
      await close(server);
      await Promise.all(thieves.map(close));
    }
  });

  it('gives up after the attempts it is given, with the bind error', async () => {
    const thieves: Server[] = [];
    let calls = 0;
    await expect(
      onFreePort(async (port) => {
        calls++;
        thieves.push(await listen(port));
        return listen(port);
      }, 3),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(calls).toBe(3);
    await Promise.all(thieves.map(close));
  });

  it('does not retry a failure that is not a taken port', async () => {
    let calls = 0;
    await expect(
      onFreePort(() => {
        calls++;
        return Promise.reject(new Error('initdb: permission denied'));
      }),
    ).rejects.toThrow(/permission denied/);
    expect(calls).toBe(1);
  });
});
