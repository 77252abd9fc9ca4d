import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { answerClientErrorsAsProblems } from './client-errors';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './problem';

/** A real Node HTTP server (the parser that refuses these requests is Node's own), answering 200 to what it reads. */
describe('requests Node refuses before the app sees them', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    answerClientErrorsAsProblems(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string) =>
    new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('a URL past the header limit: 431 in problem+json, not a bare status line', async () => {
    expect((await get('/v1/campaigns/c-1')).status).toBe(200);
    const res = await get(`/v1/campaigns/${'c'.repeat(10_000)}/journeys/${'x'.repeat(10_000)}`);
    expect(res.status).toBe(431);
    expect(res.type).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(res.body)).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}request-headers-too-large`,
      status: 431,
      errors: [],
    });
  });

  it('a request line that is not HTTP: 400 in problem+json', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let got = '';
      socket.on('data', (chunk: Buffer) => (got += chunk.toString()));
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain(`Content-Type: ${PROBLEM_CONTENT_TYPE}`);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { type: string; status: number };
    expect(body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}malformed-request`, status: 400 });
  });
});
