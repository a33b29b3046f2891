import type { Locale } from './locale';

// Building a number format is costly (it loads locale data); one per locale, made on first use.
const oneDecimal = new Map<Locale, Intl.NumberFormat>();
function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = oneDecimal.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
    oneDecimal.set(locale, format);
  }
  return format;
}

/** A count with the locale's digit grouping: 65,535. */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

/** "12.3 KB" style sizes (1 KB = 1000 bytes, as browsers' network panels count). */
export function formatBytes(bytes: number, locale: Locale): string {
  const format = (value: number, unit: string) => `${numberFormat(locale).format(value)} ${unit}`;
  if (bytes < 1000) return format(bytes, 'B');
  if (bytes < 1_000_000) return format(bytes / 1000, 'KB');
  return format(bytes / 1_000_000, 'MB');
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

/** Bytes as two lowercase hex digits each, spaced: "81 85 37 fa". */
export function formatHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
