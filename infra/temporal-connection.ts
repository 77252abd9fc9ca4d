import type { Interceptor } from '@grpc/grpc-js';
import { InterceptingCall } from '@grpc/grpc-js';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/**
 * Gives every Temporal client call a deadline unless the caller set one. Without it a frozen frontend (the process
 * stopped, TCP still accepted by the kernel) holds an API request for as long as the SDK's retries last — a minute
 * and more. First in the interceptor list, so one absolute deadline covers the SDK's retries of that call too.
 */
function defaultDeadline(callTimeoutMs: number): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall({ ...options, deadline: options.deadline ?? Date.now() + callTimeoutMs }));
}

/** The API's (and npm start's) Temporal client connection, with a deadline on every call. */
export async function connectTemporal(address: string, callTimeoutMs: number): Promise<Connection> {
  return Connection.connect({
    address,
    interceptors: [defaultDeadline(callTimeoutMs), makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
  });
}
