import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, type ProblemDocument } from './problem';

/**
 * Requests Node's HTTP parser refuses before Express sees them — headers (the URL included) past its size limit, a
 * request line or header it cannot parse — answered in problem+json like every other refusal, instead of Node's
 * default bare status line. The connection is closed: the parser cannot find where such a request ends.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Nobody to answer (the client went away), or a response already started on this connection (a pipelined
    // request's): as Node's own handler, write nothing into it.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, type, title, detail } = answerTo(err.code);
    const doc: ProblemDocument = {
      type: PROBLEM_TYPE_BASE + type,
      title,
      status,
      detail,
      instance: '',
      errors: [],
    };
    const body = JSON.stringify(doc);
    socket.end(
      `HTTP/1.1 ${doc.status} ${doc.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** The statuses Node's own handler gives these errors, with our words. */
function answerTo(code: string | undefined): { status: number; type: string; title: string; detail: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        type: 'request-headers-too-large',
        title: 'Request headers too large',
        detail:
          'The request line and headers together exceed what this server reads; shorten the URL or the headers.',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        type: 'payload-too-large',
        title: 'Payload too large',
        detail: 'A chunk extension of the body exceeds what this server reads.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        type: 'request-timeout',
        title: 'Request timeout',
        detail: 'The request did not arrive in full in time.',
      };
    default:
      return {
        status: 400,
        type: 'malformed-request',
        title: 'Malformed request',
        detail: 'The request is not valid HTTP/1.1.',
      };
  }
}
