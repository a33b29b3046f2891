import type { Locale } from '../../locale';
import type { Exchange } from '../../tcp/exchanges';
import { SequenceSvg, type SequenceNames } from './SequenceSvg';

/**
 * A whole exchange drawn at once, its numbers written by name (x, x+1): the lesson's general figure,
 * a static widget with no script. The step-through diagram beside it shows real numbers.
 */
export function LadderFigure({
  exchange,
  names,
  locale,
  caption,
}: {
  exchange: Exchange;
  names: SequenceNames;
  locale: Locale;
  caption: string;
}) {
  return (
    <figure className="sequence sequence--figure">
      <figcaption>{caption}</figcaption>
      <SequenceSvg
        exchange={exchange}
        locale={locale}
        shown={exchange.steps.length}
        current={null}
        names={names}
        title={caption}
      />
    </figure>
  );
}
