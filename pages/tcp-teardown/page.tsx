import { LiveWire } from '../../shared/components/LiveWire';
import { SequenceDiagram } from '../../shared/components/tcp/SequenceDiagram';
import { SocketStates } from '../../shared/components/tcp/SocketStates';
import { StateDiagram } from '../../shared/components/tcp/StateDiagram';
import { definePage } from '../../shared/page';
import { randomSequenceNumber, teardown } from '../../shared/tcp/exchanges';

interface TeardownData {
  /** Each side's next sequence number when the close begins, chosen per render on the server. */
  clientSeq: number;
  serverSeq: number;
}

const TITLE = {
  zh: '四次挥手，一步一步（客户端先关闭）',
  en: 'Closing a connection, step by step (the client closes first)',
};

export default definePage<TeardownData>({
  order: 20,
  inNav: true,
  channels: ['tcp', 'sockets', 'readers'],
  load: () => ({ clientSeq: randomSequenceNumber(), serverSeq: randomSequenceNumber() }),
  widgets: {
    'teardown-sequence': ({ locale, data }) => (
      <SequenceDiagram
        exchange={teardown(data.clientSeq, data.serverSeq)}
        locale={locale}
        title={TITLE[locale]}
        testId="teardown-sequence"
      />
    ),
    'state-machine': ({ locale }) => <StateDiagram locale={locale} />,
    'live-closes': ({ locale }) => <LiveWire locale={locale} channels={['tcp']} />,
    'server-sockets': ({ locale }) => <SocketStates locale={locale} />,
  },
});
