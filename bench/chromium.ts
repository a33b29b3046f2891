// Debian's Chromium as the browser tests and the Lighthouse audit start it.
import crypto from 'node:crypto';
import fs from 'node:fs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails saying how to get Chromium when it is missing, rather than letting a test or audit skip. */
export function requireChromium(): string {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run "sudo apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`,
    );
  }
  return CHROMIUM_PATH;
}

/** The base64 SHA-256 of a certificate's public key, as Chromium's SPKI allow-list takes it. */
function spkiHash(certPem: string): string {
  const spki = crypto.createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

/**
 * Chromium's flags here: no sandbox (root in CI), no GPU, no QUIC, and none of the background
 * networking that keeps reaching for Google's hosts on a closed network. A certificate given is
 * trusted by its key, rather than certificate errors being ignored: Chromium acts on 103 Early
 * Hints, and Lighthouse counts a page as secure, only on a connection without certificate errors.
 */
export function chromiumArgs(trustedCert?: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(trustedCert ? [`--ignore-certificate-errors-spki-list=${spkiHash(trustedCert)}`] : []),
  ];
}
