/**
 * Text from files and names (an SWC file name, a protocol's keys and strings) can hold line breaks and
 * other control characters. Where such text goes into a one-line message or a comment line of a CSV file,
 * it is escaped, so it can neither start a new line nor hide characters: \n, \r and \t by name, the other
 * C0 and C1 controls, DEL and the Unicode line and paragraph separators as \uXXXX.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text in double quotes, escaped as JSON does and with every control character escaped too. */
export function quoteText(text: string): string {
  return escapeControlCharacters(JSON.stringify(text));
}
