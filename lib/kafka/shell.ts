/** Quotes a value as one POSIX shell word: nothing inside single quotes is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
