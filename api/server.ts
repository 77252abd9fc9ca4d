import type { Server } from 'node:http';
import type { Connection } from '@temporalio/client';
import express from 'express';
import type { Logger } from 'pino';
import { Pool } from 'pg';
import type { PerkflowConfig } from '../infra/config';

export interface ApiServerHandle {
  url: string;
  banner: string[];
  stop(): Promise<void>;
}

/** Wires the API to real dependencies and listens on PORT. */
export async function startApiServer(opts: {
  config: PerkflowConfig;
  databaseUrl: string;
  temporal: Connection;
  log: Logger;
}): Promise<ApiServerHandle> {
  const pool = new Pool({ connectionString: opts.databaseUrl, max: 10 });
  const app = express();
  app.get('/healthz', async (_req, res) => {
    try {
      await pool.query('SELECT 1');
      await opts.temporal.workflowService.getSystemInfo({});
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(opts.config.PORT, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${opts.config.PORT}`,
    banner: [],
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}
