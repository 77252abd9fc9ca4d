import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_KEYS, loadConfig } from '../infra/config';

/**
 * No Docker engine runs here, so the production path is checked statically: the compose file parses, has every
 * service of the design, and what it passes to the app is what the app's configuration reads.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, unknown> | string[];
}

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('docker-compose.yml', () => {
  it('has Postgres, Temporal (auto-setup) with its UI, Mailpit, the worker and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'mailpit', 'postgres', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    expect(compose.services.temporal!.image).toMatch(/^temporalio\/auto-setup:/);
    expect(compose.services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
    // The UI decodes the encrypted payloads through the API's codec server, whose CORS lets that UI in.
    const codecEndpoint = compose.services['temporal-ui']!.environment!['TEMPORAL_CODEC_ENDPOINT'];
    expect(codecEndpoint).toMatch(
      /^http:\/\/localhost:3000\/temporal-codec\/ui\/\$\{TEMPORAL_CODEC_UI_TOKEN:\?/,
    );
    expect(compose.services['api']!.environment!['TEMPORAL_CODEC_UI_TOKEN']).toMatch(
      /^\$\{TEMPORAL_CODEC_UI_TOKEN:\?/,
    );
    expect(String(compose.services['api']!.environment!['TEMPORAL_CODEC_CORS_ORIGINS']).split(',')).toContain(
      'http://localhost:8233',
    );
    expect(compose.services.mailpit!.image).toMatch(/^axllent\/mailpit:/);
    expect(compose.services.postgres!.image).toMatch(/^postgres:/);
  });

  it('runs the worker and the API from the app image with scripts that exist', () => {
    for (const name of ['worker', 'api']) {
      const service = compose.services[name]!;
      expect(service.build).toBeDefined();
      const [npm, run, script] = service.command!;
      expect([npm, run]).toEqual(['npm', 'run']);
      expect(pkg.scripts[script!]).toBeDefined();
    }
    // Workers scale horizontally: no fixed container name or published port may pin them to one instance.
    expect(compose.services.worker!.ports).toBeUndefined();
  });

  it('passes only settings the app reads, and they validate', () => {
    for (const name of ['worker', 'api']) {
      const env = compose.services[name]!.environment!;
      for (const key of Object.keys(env)) expect(CONFIG_KEYS).toContain(key);
      const resolved = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, v.startsWith('${') ? 'x'.repeat(40) : v]),
      );
      const config = loadConfig(resolved);
      expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(config.SMTP_HOST).toBe('mailpit');
    }
  });

  it('points the app at the ports the other services listen on', () => {
    const api = compose.services.api!;
    const config = loadConfig(
      Object.fromEntries(
        Object.entries(api.environment!).map(([k, v]) => [k, v.startsWith('${') ? 'x'.repeat(40) : v]),
      ),
    );
    expect(api.ports).toContain(`${config.PORT}:${config.PORT}`);
    expect(compose.services.mailpit!.ports).toContain(`${config.SMTP_PORT}:${config.SMTP_PORT}`);
    expect(compose.services.temporal!.ports).toContain('7233:7233');
  });
});
