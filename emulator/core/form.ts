/**
 * Stripe's form encoding: `a[b][0]=x&metadata[k]=v&expand[]=y` (qs-style brackets, indexed or empty
 * array markers). Values stay strings; handlers coerce them through ParamReader.
 */

export type ParamValue = string | ParamValue[] | Params;
export type Params = { [key: string]: ParamValue };

function splitKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first <= 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  for (let m = re.exec(key.slice(first)); m; m = re.exec(key.slice(first))) parts.push(m[1] ?? "");
  return parts;
}

function isIndexLike(keys: string[]): boolean {
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

/** Turns objects keyed 0,1,2… (from `a[0]`, `a[1]` or `a[]`) into arrays, recursively. */
function arrayify(value: ParamValue): ParamValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (isIndexLike(keys)) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrayify(value[k] as ParamValue));
  }
  const out: Params = {};
  for (const k of keys) out[k] = arrayify(value[k] as ParamValue);
  return out;
}

export function parseForm(body: string): Params {
  const root: Params = {};
  const counters = new Map<Params, number>();
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = splitKey(rawKey);
    let node: Params = root;
    parts.forEach((part, i) => {
      let key = part;
      if (key === "") {
        // `a[]=x`: the next free index of this node.
        const next = counters.get(node) ?? Object.keys(node).length;
        counters.set(node, next + 1);
        key = String(next);
      }
      if (i === parts.length - 1) {
        node[key] = value;
        return;
      }
      const child = node[key];
      if (typeof child === "object" && !Array.isArray(child)) {
        node = child;
      } else {
        const created: Params = {};
        node[key] = created;
        node = created;
      }
    });
  }
  return arrayify(root) as Params;
}

/** The inverse, for the control client and tests: nested objects and arrays in bracket syntax. */
export function encodeForm(params: Record<string, unknown>, prefix = ""): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value !== null && typeof value === "object") {
      const nested = encodeForm(value as Record<string, unknown>, name);
      if (nested) pairs.push(nested);
    } else {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value === null ? "" : String(value))}`);
    }
  }
  return pairs.join("&");
}
