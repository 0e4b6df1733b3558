/**
 * The producing half of verify: one SSH exec on the EC2 client, connected as the KafkaTopics component
 * connects (host, port, user, private key; no ssh config, no host-key check, as remote.Command does).
 * ssh2 keeps the key in memory: it is never written to disk.
 */
import { Client } from "ssh2";
import { VerifyError } from "../../lib/ops/stackOutputs";
import type { VerifyClient } from "../../lib/ops/verifyTarget";

/** Outcome of the remote command. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` once over SSH; a connection failure is a VerifyError naming the client. */
export function sshExec(
  c: VerifyClient,
  privateKey: string,
  command: string,
  timeoutMs: number,
): Promise<ExecResult> {
  const where = `${c.user}@${c.host}:${c.port}`;
  return new Promise((resolve, reject) => {
    const conn = new Client();
    const timer = setTimeout(() => {
      conn.end();
      reject(
        new VerifyError(`the command on the EC2 client ${where} did not finish within ${timeoutMs / 1000} s`),
      );
    }, timeoutMs);
    const fail = (e: Error & { level?: string }) => {
      clearTimeout(timer);
      // ssh2 marks a refused key with level "client-authentication" (lib/client.js); the host answered.
      reject(
        new VerifyError(
          e.level === "client-authentication"
            ? `the EC2 client ${where} refused the SSH key (${e.message}): sshPrivateKey must match a key in ~${c.user}/.ssh/authorized_keys there, and client.user must be its user`
            : `cannot reach the EC2 client ${where} over SSH: ${e.message}`,
        ),
      );
    };
    conn
      .on("ready", () => {
        conn.exec(command, (err, stream) => {
          if (err) return fail(err);
          let stdout = "";
          let stderr = "";
          stream.on("data", (d: Buffer) => (stdout += d.toString()));
          stream.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
          stream.on("close", (code: number | null) => {
            clearTimeout(timer);
            conn.end();
            resolve({ code, stdout, stderr });
          });
        });
      })
      .on("error", fail)
      .connect({ host: c.host, port: c.port, username: c.user, privateKey, readyTimeout: 20_000 });
  });
}
