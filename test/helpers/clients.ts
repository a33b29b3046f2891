import request from 'supertest';
import type { TestServer } from './test-server';

export type Protocol = 'http/1.1' | 'h2';
export const PROTOCOLS: Protocol[] = ['http/1.1', 'h2'];

/** supertest against the running server over one protocol, trusting its certificate. */
export function client(server: TestServer, protocol: Protocol) {
  const agent = request(server.origin, { http2: protocol === 'h2' });
  const trust = <T extends { ca(cert: string): T }>(test: T) => test.ca(server.cert);
  return {
    get: (path: string) => trust(agent.get(path)),
    head: (path: string) => trust(agent.head(path)),
    post: (path: string) => trust(agent.post(path)),
    put: (path: string) => trust(agent.put(path)),
    options: (path: string) => trust(agent.options(path)),
    delete: (path: string) => trust(agent.delete(path)),
  };
}
