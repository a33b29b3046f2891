import { LadderFigure } from '../../shared/components/tcp/LadderFigure';
import { definePage } from '../../shared/page';
import { handshake, randomSequenceNumber } from '../../shared/tcp/exchanges';
import type { HandshakeData } from './types';

const randomIsns = () => ({ clientIsn: randomSequenceNumber(), serverIsn: randomSequenceNumber() });

const LADDER_CAPTION = {
  zh: '三次握手：x 和 y 是双方的初始序号（ISN）',
  en: 'The three-way handshake: x and y are the two initial sequence numbers (ISNs)',
};

export default definePage<HandshakeData>({
  order: 10,
  inNav: true,
  channels: ['tcp', 'tls', 'sockets', 'readers'],
  load: ({ labs }) => ({ ...randomIsns(), h1Port: labs.h1Port }),
  // Every reader's handshake gets its own initial sequence numbers, as every connection does.
  fresh: (data) => ({ ...data, ...randomIsns() }),
  widgets: {
    'handshake-ladder': ({ locale }) => (
      <LadderFigure
        exchange={handshake(0, 0)}
        names={{ client: { name: 'x', base: 0 }, server: { name: 'y', base: 0 } }}
        locale={locale}
        caption={LADDER_CAPTION[locale]}
      />
    ),
  },
});
