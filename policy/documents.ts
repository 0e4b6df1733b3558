/** Reading IAM and S3 policy documents as the provider receives them: JSON text or an object. */
import { UnknownValueError } from "@pulumi/policy";

/** One statement, loosely typed: documents come from users, so every field may be missing or odd. */
export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a policy document, or undefined when the value is not one. */
export function statementsOf(document: unknown): Statement[] | undefined {
  let value = document;
  if (typeof document === "string") {
    try {
      value = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== "object") return undefined;
  const statements = (value as { Statement?: unknown }).Statement;
  if (Array.isArray(statements)) return statements as Statement[];
  return statements !== null && typeof statements === "object" ? [statements] : undefined;
}

/** IAM's "string or list of strings" as a list (anything else is empty). */
export function list(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** How a violation names a statement: its Sid, else its position. */
export function label(statement: Statement, index: number): string {
  return statement.Sid ? `statement "${statement.Sid}"` : `statement #${index + 1}`;
}

/** Values of a condition key under any operator; IAM condition keys are case-insensitive. */
export function conditionValues(statement: Statement, key: string, operators?: string[]): unknown[] {
  const found: unknown[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (operators && !operators.includes(operator)) continue;
    for (const [k, v] of Object.entries(entries ?? {})) {
      if (k.toLowerCase() === key.toLowerCase()) found.push(...(Array.isArray(v) ? (v as unknown[]) : [v]));
    }
  }
  return found;
}

/** Reads a value that may be unknown during preview; undefined instead of CrossGuard's UnknownValueError. */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof UnknownValueError) return undefined;
    throw e;
  }
}
