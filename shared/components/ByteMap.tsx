/** One field of a byte map: the bytes it spans in its row, what it is, and what these bytes say. */
export interface ByteField {
  /** Half-open range of byte offsets in the row. */
  span: [number, number];
  name: string;
  meaning: string;
}

export interface ByteRow {
  label: string;
  /** The row's bytes in hex, spaced or not. */
  hex: string;
  fields: ByteField[];
}

/** Colours for fields cycle through this many; the stylesheet has one rule per colour. */
export const FIELD_COLOURS = 8;

const bytesOf = (hex: string) => hex.replace(/\s+/g, '').match(/../g) ?? [];

/**
 * Real bytes laid out with the fields they encode, each field in its own colour, its bytes beside
 * its explanation. Hovering or focusing a byte (or an explanation) picks out its whole field: pure
 * CSS, so it works without script and ships none. `id` makes the labels unique on the page.
 */
export function ByteMap({ id, caption, rows }: { id: string; caption: string; rows: ByteRow[] }) {
  return (
    <figure className="byte-map">
      <figcaption>{caption}</figcaption>
      {rows.map((row, r) => {
        const bytes = bytesOf(row.hex);
        const fieldAt = (offset: number) =>
          row.fields.findIndex(({ span: [from, to] }) => offset >= from && offset < to);
        return (
          <div key={r} className="byte-map__row">
            {row.label && <p className="byte-map__label">{row.label}</p>}
            <p className="byte-map__bytes">
              {bytes.map((byte, offset) => {
                const field = fieldAt(offset);
                return (
                  <span
                    key={offset}
                    className={`byte-map__byte byte-map__c${field % FIELD_COLOURS}`}
                    data-field={field}
                    tabIndex={0}
                    aria-describedby={`${id}-${r}-${field}`}
                  >
                    {byte}
                  </span>
                );
              })}
            </p>
            <dl className="byte-map__fields">
              {row.fields.map((field, f) => (
                <div
                  key={f}
                  id={`${id}-${r}-${f}`}
                  className={`byte-map__field byte-map__c${f % FIELD_COLOURS}`}
                  data-field={f}
                  tabIndex={0}
                >
                  <dt>
                    <code>{bytes.slice(...field.span).join(' ')}</code> {field.name}
                  </dt>
                  <dd>{field.meaning}</dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
    </figure>
  );
}
