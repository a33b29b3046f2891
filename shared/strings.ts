import type { Locale } from './locale';

/** Interface text of the shared layout; lesson prose lives in each page's Markdown. */
export const LAYOUT_STRINGS = {
  zh: {
    siteName: 'Wirebook',
    tagline: '用真实流量学网络协议',
    skipToContent: '跳到正文',
    topics: '主题',
    languageSwitch: 'English',
    languageSwitchLabel: '切换到英文版',
    contents: '本页目录',
    footer: '本站每一课都用你自己的连接作证：页面里的数据都来自真实流量。',
    notFoundTitle: '页面不存在',
    notFoundBody: '没有找到这个地址对应的页面。可以从下面的主题里挑一个。',
    notFoundNearby: '你要找的也许是：',
    widgetUnavailable: '这一部分暂时无法显示，问题已经记录下来。',
  },
  en: {
    siteName: 'Wirebook',
    tagline: 'Network protocols, proved with real traffic',
    skipToContent: 'Skip to content',
    topics: 'Topics',
    languageSwitch: '中文',
    languageSwitchLabel: 'Switch to Chinese',
    contents: 'On this page',
    footer: 'Every lesson here is proved with your own connection: the figures on these pages come from real traffic.',
    notFoundTitle: 'Page not found',
    notFoundBody: 'There is no page at this address. Pick one of the topics below.',
    notFoundNearby: 'Perhaps you meant one of these:',
    widgetUnavailable: 'This part cannot be shown right now; the problem has been logged.',
  },
} satisfies Record<Locale, Record<string, string>>;

export type LayoutStrings = (typeof LAYOUT_STRINGS)['zh'];
