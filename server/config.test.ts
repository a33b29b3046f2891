import { ConfigError, configFromEnv } from './config';

describe('configFromEnv(env)', () => {
  it('defaults to port 8443 and a localhost origin', () => {
    const config = configFromEnv({}, '/repo');
    expect(config).toMatchObject({
      port: 8443,
      httpPort: null,
      publicOrigin: 'https://localhost:8443',
      tlsCertFile: null,
      devCertDir: '/repo/.cert',
      h1Port: 8444,
      tileDelayMs: 20,
      redisUrl: null,
      workers: 1,
      dev: false,
    });
  });

  it('reads every variable', () => {
    const config = configFromEnv(
      {
        PORT: '9443',
        HOST: '127.0.0.1',
        HTTP_PORT: '8080',
        TLS_CERT: '/c.pem',
        TLS_KEY: '/k.pem',
        PUBLIC_ORIGIN: 'https://wirebook.example/',
        RENDER_DEADLINE_MS: '500',
        H1_PORT: '9444',
        TILE_DELAY_MS: '0',
        REDIS_URL: 'redis://cache.internal:6380/2',
        WORKERS: '4',
        WIREBOOK_DEV: '1',
      },
      '/repo',
    );
    expect(config).toMatchObject({
      port: 9443,
      host: '127.0.0.1',
      httpPort: 8080,
      tlsCertFile: '/c.pem',
      tlsKeyFile: '/k.pem',
      publicOrigin: 'https://wirebook.example',
      renderDeadlineMs: 500,
      h1Port: 9444,
      redisUrl: 'redis://cache.internal:6380/2',
      workers: 4,
      tileDelayMs: 0,
      dev: true,
    });
  });

  it('sheds live islands past 100 ms of event-loop lag unless told otherwise', () => {
    expect(configFromEnv({}, '/repo').shedLagMs).toBe(100);
    expect(configFromEnv({ SHED_LAG_MS: '250' }, '/repo').shedLagMs).toBe(250);
    expect(configFromEnv({ SHED_LAG_MS: 'off' }, '/repo').shedLagMs).toBeNull();
  });

  it('turns the HTTP/1.1-only port off with H1_PORT=off', () => {
    expect(configFromEnv({ H1_PORT: 'off' }, '/repo').h1Port).toBeNull();
  });

  it('lets pages of PUBLIC_ORIGIN and of each FEED_ORIGINS origin open the feed', () => {
    expect(configFromEnv({}, '/repo').feedOrigins).toEqual(['https://localhost:8443']);
    expect(
      configFromEnv(
        {
          PUBLIC_ORIGIN: 'https://wirebook.example',
          FEED_ORIGINS: 'https://127.0.0.1:8443, https://www.wirebook.example/',
        },
        '/repo',
      ).feedOrigins,
    ).toEqual(['https://wirebook.example', 'https://127.0.0.1:8443', 'https://www.wirebook.example']);
  });

  it.each([
    [
      { RENDER_DEADLINE_MS: 'Infinity' },
      'Invalid RENDER_DEADLINE_MS: "Infinity". It must be a whole number of milliseconds from 1 to 2147483647.',
    ],
    [
      { RENDER_DEADLINE_MS: '3000000000' },
      'Invalid RENDER_DEADLINE_MS: "3000000000". It must be a whole number of milliseconds from 1 to 2147483647.',
    ],
    [
      { FEED_ORIGINS: 'wirebook.example' },
      'Invalid FEED_ORIGINS: "wirebook.example". It must be an absolute URL such as https://wirebook.example.',
    ],
    [
      { SHED_LAG_MS: '0' },
      'Invalid SHED_LAG_MS: "0". It must be a whole number of milliseconds from 1 to 60000, or "off".',
    ],
    [{ PORT: '99999' }, 'Invalid PORT: "99999". It must be a whole number from 0 to 65535.'],
    [
      { PORT: '9443', H1_PORT: '9443' },
      'H1_PORT and PORT are both 9443: the HTTP/1.1-only lab port needs a port of its own.',
    ],
    [{ H1_PORT: 'on' }, 'Invalid H1_PORT: "on". It must be a whole number from 0 to 65535.'],
    [
      { TILE_DELAY_MS: '-5' },
      'Invalid TILE_DELAY_MS: "-5". It must be a whole number of milliseconds from 0 to 10000.',
    ],
    [{ HTTP_PORT: 'http' }, 'Invalid HTTP_PORT: "http". It must be a whole number from 0 to 65535.'],
    [
      { TLS_CERT: '/c.pem' },
      'TLS_CERT and TLS_KEY go together: set both, or neither for a generated localhost certificate.',
    ],
    [
      { PUBLIC_ORIGIN: 'wirebook' },
      'Invalid PUBLIC_ORIGIN: "wirebook". It must be an absolute URL such as https://wirebook.example.',
    ],
  ])('rejects %j, naming the value', (env, message) => {
    expect(() => configFromEnv(env, '/repo')).toThrow(new ConfigError(message));
  });

  describe('REDIS_URL and WORKERS', () => {
    it('rejects a REDIS_URL that is not a redis:// or rediss:// URL, naming it', () => {
      expect(() => configFromEnv({ REDIS_URL: 'localhost:6379' }, '/repo')).toThrow(
        new ConfigError(
          'Invalid REDIS_URL: "localhost:6379". It must be a redis:// or rediss:// URL such as redis://localhost:6379.',
        ),
      );
      expect(() => configFromEnv({ REDIS_URL: 'http://localhost:6379' }, '/repo')).toThrow(ConfigError);
    });

    it('says that more than one worker needs REDIS_URL', () => {
      expect(() => configFromEnv({ WORKERS: '2' }, '/repo')).toThrow(/^WORKERS=2 needs REDIS_URL: /);
    });

    it('rejects a WORKERS that is not a whole number from 1 to 256', () => {
      for (const value of ['0', '1.5', 'many', '257'])
        expect(() => configFromEnv({ WORKERS: value, REDIS_URL: 'redis://r' }, '/repo')).toThrow(
          `Invalid WORKERS: "${value}". It must be a whole number of processes from 1 to 256.`,
        );
    });
  });
});
