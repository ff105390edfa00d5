// Calls a server action over HTTP as Next's client does: POST to a page that uses it, the `Next-Action`
// header naming the action's id (from the build's server-reference manifest, by file and export), the
// body the JSON of its arguments; the answer is an RSC stream whose first row points at the row holding
// the action's return value. seed.ts uses it to reach the forms' own actions without the forms.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export const baseUrl = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

type ManifestEntry = { exportedName?: string; filename?: string };
let actionIds: Map<string, string> | undefined;

/** The id Next gave a server action in this build, by its file and exported name. */
function actionId(file: string, name: string): string {
  if (!actionIds) {
    const manifest = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
    const entries = JSON.parse(readFileSync(manifest, "utf8")).node as Record<string, ManifestEntry>;
    actionIds = new Map(Object.entries(entries).map(([id, e]) => [`${e.filename}#${e.exportedName}`, id]));
  }
  const id = actionIds.get(`${file}#${name}`);
  if (!id) throw new Error(`no server action ${name} in ${file} in this build (run next build)`);
  return id;
}

type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

// React's reply encoding escapes strings that start with "$" (its references), both ways.
const escapeReply = (_key: string, value: unknown) =>
  typeof value === "string" && value.startsWith("$") ? `$${value}` : value;
const unescapeRow = (_key: string, value: unknown) =>
  typeof value === "string" && value.startsWith("$$") ? value.slice(1) : value;

/** The action's return value: row 0 of the RSC stream points at the row holding it ("$@<row>"). */
function actionResult<T>(name: string, status: number, body: string): ActionResult<T> {
  const rows = new Map(
    body
      .split("\n")
      .map((line) => /^([0-9a-f]+):(\{.*\})$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]] as const),
  );
  const head = rows.get("0");
  const ref = head ? /"a":"\$@([0-9a-f]+)"/.exec(head)?.[1] : undefined;
  const row = ref === undefined ? undefined : rows.get(ref);
  if (status !== 200 || !row) throw new Error(`${name} answered ${status}: ${body.slice(0, 300)}`);
  return JSON.parse(row, unescapeRow) as ActionResult<T>;
}

export function callAction<T>(
  request: APIRequestContext,
  action: { file: string; name: string; page: string },
  input: unknown,
): Promise<T> {
  return callActionWithArgs(request, action, [input]);
}

/** The same for an action taking several arguments (a form action: its previous state, then the form). */
export async function callActionWithArgs<T>(
  request: APIRequestContext,
  action: { file: string; name: string; page: string },
  args: unknown[],
): Promise<T> {
  const response = await request.post(action.page, {
    headers: {
      "Next-Action": actionId(action.file, action.name),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // Next refuses actions whose Origin is not the server's own (its CSRF check).
      Origin: new URL(action.page, baseUrl()).origin,
    },
    data: JSON.stringify(args, escapeReply),
  });
  const result = actionResult<T>(action.name, response.status(), await response.text());
  if (!result.ok) throw new Error(`${action.name}: ${result.error.message}`);
  return result.data;
}
