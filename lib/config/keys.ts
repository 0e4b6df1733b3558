import { z } from "zod";
import { configSchema } from "./schema";

type AnySchema = z.core.$ZodType;

function unwrap(s: AnySchema): AnySchema {
  const def = s._zod.def as { type: string; innerType?: AnySchema; out?: AnySchema };
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe" && def.out) return unwrap(def.out);
  return s;
}

/** A settable key, dotted (`topics.partitions`), and the value it takes when unset (undefined: none or derived). */
export interface ConfigKey {
  key: string;
  default: unknown;
}

/** Every settable key with its default; maps and lists are leaves. docs/configuration.md's table lists exactly these. */
export function configKeys(schema: AnySchema = configSchema, prefix = ""): ConfigKey[] {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema> };
  if (def.type !== "object" || !def.shape) {
    const unset = z.safeParse(schema, undefined);
    return [{ key: prefix, default: unset.success ? unset.data : undefined }];
  }
  return Object.entries(def.shape).flatMap(([k, v]) => configKeys(v, prefix ? `${prefix}.${k}` : k));
}
