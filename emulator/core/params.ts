import { invalidRequest, missingParam, unknownParam } from "./errors";
import type { Params, ParamValue } from "./form";

/** Reads and validates request parameters the way Stripe reports problems with them. */
export class ParamReader {
  constructor(
    readonly params: Params,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(params)) {
      if (key !== "expand" && !allowed.includes(key)) throw unknownParam(key);
    }
  }

  has(name: string): boolean {
    return this.params[name] !== undefined;
  }

  raw(name: string): ParamValue | undefined {
    return this.params[name];
  }

  string(name: string): string | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalidRequest(`Invalid string: ${name}`, { param: name });
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw missingParam(name);
    return value;
  }

  /** A string param where `""` means "unset" (Stripe's way to clear a nullable field). */
  nullableString(name: string): string | null | undefined {
    const value = this.string(name);
    return value === "" ? null : value;
  }

  integer(name: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${value}`, { param: name, code: "parameter_invalid_integer" });
    }
    const n = Number(value);
    if (opts.min !== undefined && n < opts.min) {
      throw invalidRequest(`This value must be greater than or equal to ${opts.min}.`, {
        param: name,
        code: "parameter_invalid_integer",
      });
    }
    if (opts.max !== undefined && n > opts.max) {
      throw invalidRequest(`This value must be less than or equal to ${opts.max}.`, {
        param: name,
        code: "parameter_invalid_integer",
      });
    }
    return n;
  }

  requiredInteger(name: string, opts: { min?: number; max?: number } = {}): number {
    const n = this.integer(name, opts);
    if (n === undefined) throw missingParam(name);
    return n;
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false") {
      throw invalidRequest(`Invalid boolean: ${value}`, { param: name, code: "parameter_invalid_boolean" });
    }
    return value === "true";
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw invalidRequest(`Invalid ${name}: must be one of ${values.join(", ")}`, {
        param: name,
        code: "parameter_invalid_string",
      });
    }
    return value as T;
  }

  object(name: string): Params | undefined {
    const value = this.params[name];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${name}`, { param: name, code: "parameter_invalid_object" });
    }
    return value;
  }

  stringArray(name: string): string[] | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value === "string") return value === "" ? [] : [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw invalidRequest(`Invalid array: ${name}`, { param: name, code: "parameter_invalid_array" });
    }
    return value as string[];
  }

  expand(): string[] {
    return this.stringArray("expand") ?? [];
  }

  /** Applies `metadata[k]=v` to existing metadata; `""` as a value removes a key, `metadata=""` all. */
  metadata(current: Record<string, string> = {}): Record<string, string> {
    const value = this.params.metadata;
    if (value === undefined) return current;
    if (value === "") return {};
    if (typeof value !== "object" || Array.isArray(value)) {
      throw invalidRequest("Invalid object: metadata", { param: "metadata" });
    }
    const next = { ...current };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== "string")
        throw invalidRequest(`Invalid metadata value: ${k}`, { param: `metadata[${k}]` });
      if (v === "") delete next[k];
      else next[k] = v;
    }
    return next;
  }
}
