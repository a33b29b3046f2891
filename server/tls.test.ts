import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv } from './config';
import { loadTlsMaterial } from './tls';

describe('loadTlsMaterial(config)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-root-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('generates a localhost certificate on first start, keeps it in .cert/, and reuses it', async () => {
    const config = configFromEnv({}, root);
    const first = await loadTlsMaterial(config);
    expect(first.generated).toBe(true);
    expect(fs.readFileSync(path.join(root, '.cert', 'localhost.crt'), 'utf8')).toBe(first.cert);
    expect(fs.statSync(path.join(root, '.cert', 'localhost.key')).mode & 0o077).toBe(0);
    const x509 = new X509Certificate(first.cert);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    const second = await loadTlsMaterial(config);
    expect(second.cert).toBe(first.cert);
  });

  it('uses TLS_CERT and TLS_KEY when given', async () => {
    fs.writeFileSync(path.join(root, 'c.pem'), 'CERT');
    fs.writeFileSync(path.join(root, 'k.pem'), 'KEY');
    const config = configFromEnv({ TLS_CERT: path.join(root, 'c.pem'), TLS_KEY: path.join(root, 'k.pem') }, root);
    expect(await loadTlsMaterial(config)).toEqual({ cert: 'CERT', key: 'KEY', generated: false });
  });
});
