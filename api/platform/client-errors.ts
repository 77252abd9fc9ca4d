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
    // Nobody to answer (the client went away), or a response already started on this connection.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const doc: ProblemDocument = {
      type: PROBLEM_TYPE_BASE + (tooLarge ? 'request-headers-too-large' : 'malformed-request'),
      title: tooLarge ? 'Request headers too large' : 'Malformed request',
      status: tooLarge ? 431 : 400,
      detail: tooLarge
        ? 'The request line and headers together exceed what this server reads; shorten the URL or the headers.'
        : 'The request is not valid HTTP/1.1.',
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
