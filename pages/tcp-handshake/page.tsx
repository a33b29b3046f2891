import { ConnectionTiming } from '../../shared/components/ConnectionTiming';
import { LiveWire } from '../../shared/components/LiveWire';
import { SequenceDiagram } from '../../shared/components/tcp/SequenceDiagram';
import { SocketStates } from '../../shared/components/tcp/SocketStates';
import { StateDiagram } from '../../shared/components/tcp/StateDiagram';
import { definePage } from '../../shared/page';
import { handshake, randomSequenceNumber } from '../../shared/tcp/exchanges';

interface HandshakeData {
  /** Chosen per render on the server and embedded, so the hydrated diagram shows the same numbers. */
  clientIsn: number;
  serverIsn: number;
}

const TITLE = {
  zh: '三次握手，一步一步（ISN 为本次随机选取）',
  en: 'The three-way handshake, step by step (ISNs chosen at random for you)',
};

export default definePage<HandshakeData>({
  order: 10,
  inNav: true,
  channels: ['tcp', 'tls', 'sockets', 'readers'],
  load: () => ({ clientIsn: randomSequenceNumber(), serverIsn: randomSequenceNumber() }),
  widgets: {
    'handshake-sequence': ({ locale, data }) => (
      <SequenceDiagram
        exchange={handshake(data.clientIsn, data.serverIsn)}
        locale={locale}
        title={TITLE[locale]}
        testId="handshake-sequence"
      />
    ),
    'state-machine': ({ locale }) => <StateDiagram locale={locale} />,
    'your-handshake': ({ locale }) => <ConnectionTiming locale={locale} />,
    'server-sockets': ({ locale }) => <SocketStates locale={locale} />,
    'live-connections': ({ locale }) => <LiveWire locale={locale} channels={['tcp', 'tls']} />,
  },
});
