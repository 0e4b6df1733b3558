import { expect } from "chai";
import { ConfigError } from "../../lib/config/errors";

/**
 * The problems a config check reports, all at once: `f` must throw a ConfigError (anything else, or
 * no error at all, fails the test, naming `what` was accepted).
 */
export function problemsOf(f: () => unknown, what = "the config"): string[] {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error(`accepted ${what}`);
}
