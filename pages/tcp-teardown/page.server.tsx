import { LadderFigure } from '../../shared/components/tcp/LadderFigure';
import { definePage } from '../../shared/page';
import { randomSequenceNumber, teardown } from '../../shared/tcp/exchanges';
import type { TeardownData } from './types';

const randomSeqs = (): TeardownData => ({ clientSeq: randomSequenceNumber(), serverSeq: randomSequenceNumber() });

const LADDER_CAPTION = {
  zh: '四次挥手，客户端先关闭：u 和 v 是双方接下来要用的序号',
  en: 'Closing, the client first: u and v are the next sequence numbers each side would use',
};

export default definePage<TeardownData>({
  order: 20,
  inNav: true,
  channels: ['tcp', 'sockets', 'readers'],
  load: randomSeqs,
  fresh: randomSeqs,
  widgets: {
    'teardown-ladder': ({ locale }) => (
      <LadderFigure
        exchange={teardown(0, 0)}
        names={{ client: { name: 'u', base: 0 }, server: { name: 'v', base: 0 } }}
        locale={locale}
        caption={LADDER_CAPTION[locale]}
      />
    ),
  },
});
