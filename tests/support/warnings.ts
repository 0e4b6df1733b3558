/** Warnings the program logs with pulumi.log.warn: on the mock runtime (no engine) they go to console.warn. */
const PREFIX = "warning: [runtime] ";

/** Runs `f` and returns what it warned, without the runtime's prefix; other console output passes through. */
export async function captureWarnings<T>(f: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (text.startsWith(PREFIX)) warnings.push(text.slice(PREFIX.length));
    else original(...args);
  };
  try {
    return { result: await f(), warnings };
  } finally {
    console.warn = original;
  }
}
