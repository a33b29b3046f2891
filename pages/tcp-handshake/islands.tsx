import { ConnectionTiming } from '../../shared/components/ConnectionTiming';
import { LiveWire } from '../../shared/components/LiveWire';
import { SequenceDiagram } from '../../shared/components/tcp/SequenceDiagram';
import { SocketStates } from '../../shared/components/tcp/SocketStates';
import { StateDiagram } from '../../shared/components/tcp/StateDiagram';
import { defineIslands, hydrated, live, personal } from '../../shared/page';
import { handshake } from '../../shared/tcp/exchanges';
import { FreshHandshake } from './FreshHandshake';
import type { HandshakeData } from './types';

const TITLE = {
  zh: '三次握手，一步一步（ISN 为本次随机选取）',
  en: 'The three-way handshake, step by step (ISNs chosen at random for you)',
};

export default defineIslands<HandshakeData>({
  'handshake-sequence': personal(({ locale, data }) => (
    <SequenceDiagram
      exchange={handshake(data.clientIsn, data.serverIsn)}
      locale={locale}
      title={TITLE[locale]}
      testId="handshake-sequence"
    />
  )),
  'state-machine': hydrated(({ locale }) => <StateDiagram locale={locale} />),
  'your-handshake': hydrated(({ locale }) => <ConnectionTiming locale={locale} />),
  'fresh-handshake': hydrated(({ locale, data }) => <FreshHandshake locale={locale} h1Port={data.h1Port} />),
  'server-sockets': live(({ locale }) => <SocketStates locale={locale} />),
  'live-connections': live(({ locale }) => <LiveWire locale={locale} channels={['tcp', 'tls']} />),
});
