/** `\uXXXX` for one UTF-16 unit: what JSON.parse reads back as that unit. */
function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * JSON that can sit inside a `<script>` element: `</script>`, `<!--` and the JavaScript line
 * terminators U+2028/U+2029 cannot appear in the output, yet JSON.parse gives back the same value.
 * Everything beyond ASCII is escaped too, so the output is pure ASCII: the cheapest string for the
 * server to encode into a response, thousands of times a second.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u0080-\uffff]/g, escapeUnit);
}
