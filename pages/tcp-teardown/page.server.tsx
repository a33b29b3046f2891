import { definePage } from '../../shared/page';
import { randomSequenceNumber } from '../../shared/tcp/exchanges';
import type { TeardownData } from './types';

const randomSeqs = (): TeardownData => ({ clientSeq: randomSequenceNumber(), serverSeq: randomSequenceNumber() });

export default definePage<TeardownData>({
  order: 20,
  inNav: true,
  channels: ['tcp', 'sockets', 'readers'],
  load: randomSeqs,
  fresh: randomSeqs,
});
