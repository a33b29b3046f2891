// Child process of `npm run bench:feed`: a bare node:tls server that accepts connections and keeps
// them idle. What N such connections cost is the yardstick for a feed subscriber's memory.
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { generateLocalhostCertificate } from '../server/tls';

(async () => {
  const { cert, key } = await generateLocalhostCertificate();
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert, key }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () =>
    process.stdout.write(`bare tls ready on ${(server.address() as AddressInfo).port}\n`),
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
