import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailCapture {
  smtpPort: number;
  httpPort: number;
  /** Base URL of the inbox: `/` is an HTML page, `/api/messages` JSON (filter with `?to=`). */
  inboxUrl: string;
  messages(): CapturedMail[];
  stop(): Promise<void>;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inboxPage(messages: CapturedMail[]): string {
  const rows = messages
    .slice()
    .reverse()
    .map(
      (m) =>
        `<details><summary>#${m.id} ${escapeHtml(m.receivedAt)} — <b>${escapeHtml(m.to.join(', '))}</b>: ` +
        `${escapeHtml(m.subject)}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
    )
    .join('\n');
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>perkflow inbox</title></head>` +
    `<body style="font-family:sans-serif"><h1>perkflow inbox (${messages.length})</h1>` +
    `<p>JSON: <a href="/api/messages">/api/messages</a></p>${rows || '<p>No mail yet.</p>'}</body></html>`
  );
}

/**
 * A real SMTP server that keeps every message it receives in memory, plus an HTTP view of them. Used as the inbox of
 * `npm start` and by tests to assert on the emails journeys send.
 */
export async function startMailCapture(
  opts: { smtpPort?: number; httpPort?: number } = {},
): Promise<MailCapture> {
  const store: CapturedMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
          store.push({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((res, rej) => {
    smtp.once('error', rej);
    smtp.listen(opts.smtpPort ?? 0, '127.0.0.1', () => res());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/messages' && req.method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const body = to ? store.filter((m) => m.to.includes(to)) : store;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } else if (url.pathname === '/api/messages' && req.method === 'DELETE') {
      store.length = 0;
      res.writeHead(204).end();
    } else if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(inboxPage(store));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((res, rej) => {
    http.once('error', rej);
    http.listen(opts.httpPort ?? 0, '127.0.0.1', () => res());
  });
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpPort,
    httpPort,
    inboxUrl: `http://127.0.0.1:${httpPort}`,
    messages: () => store.slice(),
    stop: async () => {
      http.closeAllConnections();
      await new Promise<void>((res) => http.close(() => res()));
      await new Promise<void>((res) => smtp.close(() => res()));
    },
  };
}
