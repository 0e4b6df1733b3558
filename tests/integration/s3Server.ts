/**
 * A real S3-API server on 127.0.0.1 for verify's S3 half: moto's server (installed by it/setup.sh from
 * PyPI), started per suite and stopped at the end. Clients reach it with AWS_ENDPOINT_URL_S3, the SDK's
 * standard endpoint variable; an IP endpoint makes the SDK use path-style addressing.
 */
import { ChildProcess } from "node:child_process";
import * as http from "node:http";
import * as path from "node:path";
import { freePort, Layout, sleep, startDaemon, stopDaemon } from "./harness";

export class S3Server {
  private constructor(
    readonly endpoint: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts moto_server on a free loopback port; resolves once it answers HTTP. */
  static async start(layout: Layout, dir: string): Promise<S3Server> {
    const port = await freePort();
    const child = startDaemon(
      layout.motoServer,
      ["-H", "127.0.0.1", "-p", String(port)],
      path.join(dir, "moto.log"),
    );
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) =>
        http
          .get(`${endpoint}/`, (r) => resolve(r.statusCode !== undefined))
          .on("error", () => resolve(false)),
      );
      if (ok) return new S3Server(endpoint, child);
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`moto_server did not start on ${endpoint}`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    await stopDaemon(this.child, 5_000);
  }
}
