import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BaseEnvSchema,
  ElasticsearchEnvSchema,
  FoiaEnvSchema,
  PostgresEnvSchema,
  S3EnvSchema,
  loadConfig,
} from '@verbatim/config';

/**
 * No Docker engine runs in CI, so the deployment is checked without starting it: `docker-compose config` (Debian's
 * docker-compose 1.29, which `.ci/run` installs) parses, validates and interpolates the file against the Compose
 * Specification, and these tests assert on what it resolved. PyYAML, which docker-compose itself runs on, turns
 * its YAML output into JSON.
 */

const ROOT = path.resolve(__dirname, '..');

/** What an operator must export before `docker compose up`; everything else has a default. */
const REQUIRED_ENV = {
  BOOTSTRAP_ADMIN_TOKEN: 'an-admin-token-of-24-characters-or-more',
  POSTGRES_PASSWORD: 'postgres-secret',
  ELASTIC_PASSWORD: 'elastic-secret',
  MINIO_ROOT_PASSWORD: 'minio-secret',
  ATTORNEY_NOTIFY_EMAILS: 'attorney@town.example, clerk@town.example',
  S3_OBJECT_LOCK_DAYS: '2555',
};

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  ports?: Array<{ published: number | string; target: number }>;
  expose?: Array<string | number>;
  volumes?: Array<string | { type: string; source: string }>;
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Runs `docker-compose config` with only PATH and `env` set, so the machine's own environment cannot leak in. */
function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`docker-compose could not run (.ci/run installs it): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function yamlToJson(yaml: string): unknown {
  const converted = spawnSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: yaml, encoding: 'utf8' },
  );
  if (converted.status !== 0) throw new Error(`could not read docker-compose's output: ${converted.stderr}`);
  return JSON.parse(converted.stdout);
}

describe('docker-compose.yml', () => {
  let compose: ComposeFile;
  let services: Record<string, ComposeService>;

  beforeAll(() => {
    const result = composeConfig(REQUIRED_ENV);
    if (result.status !== 0) throw new Error(`docker-compose config failed: ${result.stderr}`);
    compose = yamlToJson(result.stdout) as ComposeFile;
    services = compose.services;
  });

  it('runs the whole scale-out stack', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'elasticsearch', 'mailpit', 'minio', 'minio-init', 'postgres', 'redis', 'worker'].sort(),
    );
  });

  it('health-checks every long-running service; the one-shot bucket setup is awaited until it completes', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'minio-init') continue;
      const checked = (service.healthcheck?.test?.length ?? 0) > 1 && service.healthcheck?.disable !== true;
      expect({ name, checked }).toEqual({ name, checked: true });
    }
    expect(services['minio-init'].restart).toBe('no');
    expect(services['minio-init'].healthcheck?.test).toEqual(['NONE']);
    for (const dependent of ['api', 'worker']) {
      expect(services[dependent].depends_on?.['minio-init']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('starts each process only once what it uses is healthy', () => {
    const backends = ['redis', 'postgres', 'elasticsearch', 'minio', 'mailpit'];
    for (const process of ['api', 'worker']) {
      for (const backend of backends) {
        expect({ process, backend, ...services[process].depends_on?.[backend] }).toEqual({
          process,
          backend,
          condition: 'service_healthy',
        });
      }
    }
    expect(services.worker.depends_on?.api).toEqual({ condition: 'service_healthy' });
    expect(services['minio-init'].depends_on?.minio).toEqual({ condition: 'service_healthy' });
  });

  it('keeps Redis durable (append-only file) and never evicting queue keys', () => {
    const command = services.redis.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('creates the archive bucket with Object Lock and versioning, under the name the processes use', () => {
    const script = services['minio-init'].entrypoint!.join('\n');
    expect(script).toMatch(/mc mb --ignore-existing --with-lock "verbatim\/\$\$S3_BUCKET"/);
    expect(script).toMatch(/mc version enable "verbatim\/\$\$S3_BUCKET"/);
    expect(services['minio-init'].environment?.S3_BUCKET).toBe(services.api.environment?.S3_BUCKET);
    expect(services.api.environment?.S3_ENDPOINT).toBe('http://minio:9000');
  });

  it('runs several workers and publishes the API port', () => {
    expect(services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.worker.environment?.ROLES).toBe('worker');
    expect(services.api.environment?.ROLES).toBe('api');
    expect(services.api.ports).toContainEqual(expect.objectContaining({ published: 3000, target: 3000 }));
    expect(services.worker.ports ?? []).toEqual([]);
  });

  it('lets a scraper on the network read the metrics of every process: workers on METRICS_PORT, not published', () => {
    expect(loadConfig(services.worker.environment).metrics).toEqual({ port: 9464 });
    expect((services.worker.expose ?? []).map(String)).toEqual(['9464']);
    expect(loadConfig(services.api.environment).metrics).toEqual({});
    const token = 'a-metrics-token-of-24-characters';
    const withToken = composeConfig({ ...REQUIRED_ENV, METRICS_TOKEN: token });
    expect(withToken.status).toBe(0);
    const resolved = (yamlToJson(withToken.stdout) as ComposeFile).services;
    for (const process of ['api', 'worker'])
      expect(loadConfig(resolved[process].environment).metrics.token).toBe(token);
  });

  it('builds the API and the workers from the one image', () => {
    for (const process of ['api', 'worker']) {
      expect(services[process].build?.dockerfile).toBe('infra/docker/Dockerfile');
      expect(services[process].image).toBe('verbatim:local');
    }
  });

  it('keeps all data on named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        expect({ name, source, named: declared.includes(source) }).toEqual({ name, source, named: true });
      }
    }
    expect(declared.length).toBeGreaterThanOrEqual(5);
  });

  it('wires only variable names the config knows, and values it accepts', () => {
    const known = new Set([
      ...Object.keys(BaseEnvSchema.shape),
      ...Object.keys(S3EnvSchema.shape),
      ...Object.keys(ElasticsearchEnvSchema.shape),
      ...Object.keys(FoiaEnvSchema.shape),
      ...Object.keys(PostgresEnvSchema.shape),
    ]);
    for (const process of ['api', 'worker']) {
      const environment = services[process].environment!;
      expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
      const config = loadConfig(environment);
      expect(config.catalog).toMatchObject({
        backend: 'postgres',
        connectionString: `postgres://verbatim:${REQUIRED_ENV.POSTGRES_PASSWORD}@postgres:5432/verbatim`,
      });
      expect(config.storage).toMatchObject({
        backend: 's3',
        bucket: 'verbatim-archive',
        objectLockRetentionDays: 2555,
      });
      expect(config.notify.smtpUrl).toBe('smtp://mailpit:1025');
      expect(config.notify.attorneyEmails).toEqual(['attorney@town.example', 'clerk@town.example']);
      expect(config.redis).toEqual({ url: 'redis://redis:6379', autostart: false });
      expect(config.search).toMatchObject({
        backend: 'elasticsearch',
        node: 'http://elasticsearch:9200',
        auth: { username: 'elastic', password: REQUIRED_ENV.ELASTIC_PASSWORD },
      });
    }
    expect(services.api.environment?.BOOTSTRAP_ADMIN_TOKEN).toBe(REQUIRED_ENV.BOOTSTRAP_ADMIN_TOKEN);
    // Workers never need the admin secret.
    expect(services.worker.environment).not.toHaveProperty('BOOTSTRAP_ADMIN_TOKEN');
    expect(services.api.environment?.CATALOG_BACKEND).toBe('postgres');
    expect(services.api.environment?.SEARCH_BACKEND).toBe('elasticsearch');
  });

  it.each(Object.keys(REQUIRED_ENV))('refuses to start without %s, naming it', (name) => {
    const { [name as keyof typeof REQUIRED_ENV]: _omitted, ...rest } = REQUIRED_ENV;
    const result = composeConfig(rest);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`set ${name}`);
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'infra/docker/Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('installs with npm ci in a build stage and runs as a non-root user in a slim final stage', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+-[a-z]+-slim$/m);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).not.toMatch(/npm ci|apt-get install/);
  });

  it('starts the process whose roles ROLES names', () => {
    expect(finalStage).toMatch(/^CMD \["node", "--import", "tsx", "services\/embedded\/src\/main.ts"\]$/m);
    expect(finalStage).toMatch(/ROLES=api,worker/);
  });
});
