import { z } from "zod";

// zod compiles object parsers with `new Function` when it may, and probes for it on first use: in the
// browser that probe is an eval the Content-Security-Policy blocks (and reports). Every schema module
// imports this file, so the browser never probes. The server keeps the faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

// Text a person pastes may carry characters PostgreSQL cannot store (NUL) or that no one meant to type
// (other control characters, half of an emoji's surrogate pair). They are refused at the schema with a
// message naming the character, never left to fail in the database as an internal error. Tabs and line
// breaks stay allowed: addresses and notes have them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it finds.
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

export function firstUnstorable(value: string): string | null {
  const match = UNSTORABLE.exec(value);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

export function unstorableMessage(codePoint: string): string {
  return `This text contains an invisible or broken character (${codePoint}) that cannot be saved. Remove it and try again.`;
}

/** Removes what `text()` refuses, for inputs nobody is told about (a search box's query string). */
export function stripUnstorable(value: string): string {
  return value.replace(new RegExp(UNSTORABLE.source, "gu"), "");
}

/** A string any pasted Unicode passes, except what the database cannot store (see above). */
export function text() {
  return z.string().check((ctx) => {
    const found = firstUnstorable(ctx.value);
    if (found) ctx.issues.push({ code: "custom", message: unstorableMessage(found), input: ctx.value });
  });
}
