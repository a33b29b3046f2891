import type { Locale } from '../locale';
import type { LabPlan, RedirectRules, StatusClass, StatusCode } from './registry';

type Because = Extract<LabPlan, { kind: 'explained' }>['because'];

/** Interface text of the status-code pages and labs; the lessons themselves live in the Markdown. */
export const STATUS_STRINGS = {
  zh: {
    classNames: {
      1: '1xx 信息（Informational）',
      2: '2xx 成功（Successful）',
      3: '3xx 重定向（Redirection）',
      4: '4xx 客户端错误（Client Error）',
      5: '5xx 服务器错误（Server Error）',
    } as Record<StatusClass, string>,
    pageTitle: (entry: StatusCode, gloss: string | null) =>
      `HTTP ${entry.code} ${entry.name}${gloss ? `（${gloss}）` : ''}`,
    sections: { facts: '要点', lab: '亲手发一次', labExplained: '为什么实验室不发它', related: '相关状态码' },
    facts: {
      class: '类别',
      reference: '定义',
      standing: '注册状态',
      standings: {
        current: '现行',
        deprecated: '已弃用（deprecated）',
        unused: '保留不用（Unused）',
        obsolete: '已废弃（obsolete）',
        temporary: '临时注册（temporary）',
      } as Record<StatusCode['standing'], string>,
      cacheable: '默认可缓存',
      cacheableYes: '是：没有显式过期时间时，缓存也可以按启发式规则保存它',
      cacheableNo: '否：只有带显式过期时间（如 Cache-Control: max-age）才能被缓存',
      neverStored: '否：RFC 6585 规定缓存不得（MUST NOT）保存它，即使带了过期时间',
      listSeparator: '、',
      headers: '相关头部字段',
      none: '无',
      expires: (date: string) => `：注册表上写的到期日是 ${date}，到期未续就会失效`,
      interim: '不适用：中间响应（interim response）从不被缓存，它只是最终响应之前的一个提示',
      validator: '不单独缓存：304 让缓存更新并继续使用已经存着的那份响应（RFC 9111 §4.3.4）',
    },
    lab: {
      otherFields: (n: number) => `其余字段（${n} 个）`,
      send: (code: number) => `发送 ${code}`,
      needsJs:
        '这个实验要在浏览器里运行 JavaScript：它从你的浏览器向 /lab/status/ 发出真实请求。不开 JavaScript 也可以用 curl：',
      sending: '发送中…',
      received: '浏览器收到的响应',
      protocol: '协议：',
      status: '状态：',
      headers: '响应头部',
      redirected: (url: string) =>
        `浏览器自动跟随了重定向，最终停在 ${url}。重定向响应本身脚本看不到，服务器发出的那一条会出现在下面的实时流里。`,
      conditionalFirst: '第一次请求（不带条件）',
      conditionalSecond: (header: string) => `第二次请求（带 ${header}）`,
      interim: (code: number) =>
        `浏览器从不把 ${code} 这样的中间响应（interim response）交给页面脚本。下面是服务器用自己的 HTTP/2 客户端请求同一个地址时看到的全部响应，按到达顺序：`,
      explained: {
        'needs-upgrade':
          '101 只能回应带 Upgrade 的 HTTP/1.1 请求，之后这条连接就改说新协议了，单独发一个 101 毫无意义；HTTP/2 里根本没有 101。WebSocket 一课有真实的 101。',
        'proxy-only':
          '407 是代理（proxy）发的，不是源服务器（origin server）发的。源服务器发它就是在冒充代理，浏览器会直接拒绝（Chrome 报 ERR_UNEXPECTED_PROXY_AUTH），所以这里只讲不发。',
        'intercepting-proxy':
          '511 由拦截式代理（intercepting proxy）发出，比如要求先登录才能上网的强制门户（captive portal）；RFC 6585 说源服务器不应该发它，所以这里只讲不发。',
        'inside-multistatus': '208 出现在 207 Multi-Status 响应体的 propstat 里，不作为整条响应的状态码使用。',
        'needs-delta':
          '226 回应带 A-IM 的请求，响应体是客户端已有资源的增量（instance manipulation），单独发一个没有意义。',
        draft: '104 属于可续传上传（resumable uploads）草案，只是临时登记；它回应的是上传请求，不是 GET。',
      } as Record<Because, string>,
      h1Only:
        '426 必须带 Upgrade 和 Connection 头部，而 HTTP/2 禁止这两个连接级头部。通过 HTTP/2 请求时，实验端点会用 400 解释原因；用 HTTP/1.1 才能看到真正的 426：',
      failed: '请求失败',
      curl: '用 curl 看原始响应：',
      headSummary: (status: number, protocol: string) => `收到 ${status}（${protocol}）。`,
      traceSummary: (statuses: number[]) => `服务器的客户端依次收到：${statuses.join('、')}。`,
    },
    redirect: {
      code: '状态码',
      permanent: '永久？',
      method: 'POST 之后',
      body: '请求体',
      cache: '默认缓存',
      yes: '是',
      no: '否',
      methods: {
        'may-become-get': '允许改成 GET（浏览器都会改）',
        'becomes-get': '改成 GET（HEAD 除外）',
        kept: '保持原方法',
      } as Record<RedirectRules['method'], string>,
      bodies: { 'may-become-get': '随 GET 一起丢弃', 'becomes-get': '丢弃', kept: '原样重发' } as Record<
        RedirectRules['method'],
        string
      >,
      caption: '五种重定向对比（RFC 9110 §15.4）',
      labCaption: '你的浏览器实际做了什么',
      note: '随请求发送的文字',
      noteDefault: '你好，重定向',
      /** Around the code on each submit button, for its accessible name; only the code shows. */
      submit: { before: '用 ', after: ' 提交' },
      submitHeading: '提交，经由',
      arrivedAs: '到达服务器时的方法',
      bodyArrived: '请求体',
      bodyKept: (bytes: number, text: string) => `保留了（${bytes} 字节）：“${text}”`,
      bodyLost: '没有了',
      resultTitle: (code: number) => `经过 ${code} 之后到达的请求`,
      back: '回到重定向对比',
      pending: '等待提交',
      announce: (code: number, method: string, kept: boolean) =>
        `${code}：请求以 ${method} 到达，请求体${kept ? '保留了' : '没有了'}。`,
    },
    index: {
      filter: '按数字或文字筛选',
      count: (shown: number, total: number) => `显示 ${shown} / ${total} 个状态码`,
      empty: '没有匹配的状态码',
      jumps: '按类别跳转',
    },
  },
  en: {
    classNames: {
      1: '1xx Informational',
      2: '2xx Successful',
      3: '3xx Redirection',
      4: '4xx Client error',
      5: '5xx Server error',
    } as Record<StatusClass, string>,
    pageTitle: (entry: StatusCode) => `HTTP ${entry.code} ${entry.name}`,
    sections: {
      facts: 'At a glance',
      lab: 'Send it yourself',
      labExplained: 'Why the lab does not send it',
      related: 'Related codes',
    },
    facts: {
      class: 'Class',
      reference: 'Defined in',
      standing: 'Registry status',
      standings: {
        current: 'Current',
        deprecated: 'Deprecated',
        unused: 'Reserved, unused',
        obsolete: 'Obsolete',
        temporary: 'Temporary registration',
      } as Record<StatusCode['standing'], string>,
      cacheable: 'Cacheable by default',
      cacheableYes: 'Yes: a cache may store it with heuristic freshness when no explicit expiry is given',
      cacheableNo: 'No: only with explicit freshness (such as Cache-Control: max-age)',
      neverStored: 'No: RFC 6585 says a cache MUST NOT store it, whatever its freshness',
      listSeparator: ', ',
      headers: 'Header fields',
      none: 'None',
      expires: (date: string) => `: the registry gave ${date} as its expiry date; it lapses then unless renewed`,
      interim: 'Does not apply: an interim response is never stored; it only comes ahead of the final one',
      validator:
        'Not stored itself: a 304 lets a cache refresh and reuse the response it already holds (RFC 9111 §4.3.4)',
    },
    lab: {
      otherFields: (n: number) => `Other fields (${n})`,
      send: (code: number) => `Send ${code}`,
      needsJs:
        'This lab runs JavaScript in your browser: it sends a real request to /lab/status/. Without JavaScript, use curl:',
      sending: 'Sending…',
      received: 'The response as your browser received it',
      protocol: 'Protocol: ',
      status: 'Status: ',
      headers: 'Response header fields',
      redirected: (url: string) =>
        `Your browser followed the redirect and ended at ${url}. Scripts never see the redirect response itself; the one the server sent appears on the live wire below.`,
      conditionalFirst: 'First request (unconditional)',
      conditionalSecond: (header: string) => `Second request (with ${header})`,
      interim: (code: number) =>
        `Browsers never hand an interim response such as ${code} to page scripts. Below is every response the server saw when its own HTTP/2 client requested the same address, in order of arrival:`,
      explained: {
        'needs-upgrade':
          '101 only answers an HTTP/1.1 request with Upgrade, after which the connection speaks the new protocol; a 101 on its own means nothing, and HTTP/2 has no 101 at all. The WebSocket lesson shows a real one.',
        'proxy-only':
          '407 is sent by a proxy, not by an origin server. An origin that sent it would be posing as a proxy, and browsers refuse it (Chrome with ERR_UNEXPECTED_PROXY_AUTH), so this page explains it instead of sending it.',
        'intercepting-proxy':
          '511 is sent by an intercepting proxy, such as a captive portal that wants you to log in before you reach the network; RFC 6585 says origin servers should not send it, so this page explains it instead.',
        'inside-multistatus':
          '208 appears inside a propstat in a 207 Multi-Status body; it is not used as the status of a whole response.',
        'needs-delta':
          '226 answers a request with A-IM, and its body is a delta (an instance manipulation) of a resource the client already has; on its own it means nothing.',
        draft:
          '104 belongs to the resumable uploads Internet-Draft and has only a temporary registration; it answers an upload, not a GET.',
      } as Record<Because, string>,
      h1Only:
        '426 must carry Upgrade and Connection, two connection-specific header fields HTTP/2 forbids. Asked over HTTP/2, the lab explains this with a 400; over HTTP/1.1 you get the real 426:',
      failed: 'The request failed',
      curl: 'See the raw response with curl:',
      headSummary: (status: number, protocol: string) => `Received ${status} over ${protocol}.`,
      traceSummary: (statuses: number[]) => `The server’s client received, in order: ${statuses.join(', ')}.`,
    },
    redirect: {
      code: 'Code',
      permanent: 'Permanent?',
      method: 'After a POST',
      body: 'Body',
      cache: 'Cached by default',
      yes: 'Yes',
      no: 'No',
      methods: {
        'may-become-get': 'May become GET (browsers do this)',
        'becomes-get': 'Becomes GET (except HEAD)',
        kept: 'Method kept',
      } as Record<RedirectRules['method'], string>,
      bodies: {
        'may-become-get': 'Dropped along with the POST',
        'becomes-get': 'Dropped',
        kept: 'Sent again',
      } as Record<RedirectRules['method'], string>,
      caption: 'The five redirects side by side (RFC 9110 §15.4)',
      labCaption: 'What your browser actually did',
      note: 'Text sent with the request',
      noteDefault: 'hello, redirect',
      submit: { before: 'Submit through ', after: '' },
      submitHeading: 'Submit through',
      arrivedAs: 'Method on arrival',
      bodyArrived: 'Body',
      bodyKept: (bytes: number, text: string) => `Kept (${bytes} bytes): “${text}”`,
      bodyLost: 'Gone',
      resultTitle: (code: number) => `The request that arrived after a ${code}`,
      back: 'Back to the redirect comparison',
      pending: 'Not sent yet',
      announce: (code: number, method: string, kept: boolean) =>
        `${code}: the request arrived as ${method}, ${kept ? 'with its body' : 'without its body'}.`,
    },
    index: {
      filter: 'Filter by number or word',
      count: (shown: number, total: number) => `Showing ${shown} of ${total} status codes`,
      empty: 'No status code matches',
      jumps: 'Jump to a class',
    },
  },
} satisfies Record<Locale, unknown>;

/** What /lab/redirect/arrived reports: the request as it reached the server after the redirect. */
export interface Arrival {
  via: number;
  method: string;
  contentType: string | null;
  bodyBytes: number;
  body: string;
}

/** The form body the redirect lab sends, and what the no-JavaScript form posts. */
export const REDIRECT_NOTE_FIELD = 'note';
