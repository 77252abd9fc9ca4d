/**
 * What a worker process started by npm start (over an IPC channel) sends its parent once it polls its task queue:
 * npm start reports itself ready only then.
 */
export const WORKER_READY_MESSAGE = 'perkflow-worker-ready';
