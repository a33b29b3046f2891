import { definePage } from '../../shared/page';
import { randomSequenceNumber } from '../../shared/tcp/exchanges';
import type { HandshakeData } from './types';

const randomIsns = (): HandshakeData => ({ clientIsn: randomSequenceNumber(), serverIsn: randomSequenceNumber() });

export default definePage<HandshakeData>({
  order: 10,
  inNav: true,
  channels: ['tcp', 'tls', 'sockets', 'readers'],
  load: randomIsns,
  // Every reader's handshake gets its own initial sequence numbers, as every connection does.
  fresh: randomIsns,
});
