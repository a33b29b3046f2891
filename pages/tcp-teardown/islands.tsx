import { LiveWire } from '../../shared/components/LiveWire';
import { SequenceDiagram } from '../../shared/components/tcp/SequenceDiagram';
import { SocketStates } from '../../shared/components/tcp/SocketStates';
import { StateDiagram } from '../../shared/components/tcp/StateDiagram';
import { defineIslands, hydrated, live, personal } from '../../shared/page';
import { teardown } from '../../shared/tcp/exchanges';
import type { TeardownData } from './types';

const TITLE = {
  zh: '四次挥手，一步一步（客户端先关闭）',
  en: 'Closing a connection, step by step (the client closes first)',
};

export default defineIslands<TeardownData>({
  'teardown-sequence': personal(({ locale, data }) => (
    <SequenceDiagram
      exchange={teardown(data.clientSeq, data.serverSeq)}
      locale={locale}
      title={TITLE[locale]}
      testId="teardown-sequence"
    />
  )),
  // The lesson closes a connection: the reader starts where closing does.
  'state-machine': hydrated(({ locale }) => <StateDiagram locale={locale} initial="ESTABLISHED" />),
  'live-closes': live(({ locale }) => <LiveWire locale={locale} channels={['tcp']} />),
  'server-sockets': live(({ locale }) => <SocketStates locale={locale} />),
});
