import { useFeedStore, useLiveWire } from '../../shared/feed/context';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { FrameList } from './FrameList';

const STRINGS = {
  zh: {
    heading: '你的实时推送套接字上的帧',
    capture: '抓取最近的帧',
    note: '服务器保存着这个套接字上最近经过的帧的原始字节（两个方向都有；浏览器发出的帧带掩码），按下按钮后把它们发给你，由页面用同一个帧编解码器逐字段解开。',
  },
  en: {
    heading: 'Frames on your live feed’s socket',
    capture: 'Capture the last frames',
    note: 'The server keeps the raw bytes of the last frames that crossed this socket (both ways; your browser’s are masked) and sends them when you ask; the page decodes them field by field with the same frame codec.',
  },
};

/** The frame inspector for this page's own feed socket. */
export function FeedFrames({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const store = useFeedStore();
  const { frames, status } = useLiveWire();
  const mounted = useMounted();
  return (
    <div className="frame-inspector" data-testid="frame-inspector">
      <h3>{text.heading}</h3>
      <p className="widget__note">{text.note}</p>
      {mounted && (
        <button type="button" className="button" onClick={() => store.inspect()} disabled={status !== 'live'}>
          {text.capture}
        </button>
      )}
      {frames && <FrameList id="feed-frames" frames={frames} locale={locale} />}
    </div>
  );
}
