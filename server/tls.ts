import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { Config } from './config';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/** A localhost certificate valid for the names a developer's browser and tests use. */
export async function generateLocalhostCertificate(): Promise<TlsMaterial> {
  const notAfter = new Date();
  notAfter.setDate(notAfter.getDate() + 825); // the longest validity browsers accept for a leaf
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * The configured certificate (TLS_CERT/TLS_KEY), or the generated localhost one, created on first
 * start into the git-ignored `.cert/` folder and reused after that.
 */
export async function loadTlsMaterial(config: Config): Promise<TlsMaterial & { generated: boolean }> {
  if (config.tlsCertFile && config.tlsKeyFile) {
    return {
      cert: fs.readFileSync(config.tlsCertFile, 'utf8'),
      key: fs.readFileSync(config.tlsKeyFile, 'utf8'),
      generated: false,
    };
  }
  const certFile = path.join(config.devCertDir, 'localhost.crt');
  const keyFile = path.join(config.devCertDir, 'localhost.key');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return { cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), generated: true };
  }
  const material = await generateLocalhostCertificate();
  fs.mkdirSync(config.devCertDir, { recursive: true });
  fs.writeFileSync(keyFile, material.key, { mode: 0o600 });
  fs.writeFileSync(certFile, material.cert);
  return { ...material, generated: true };
}
