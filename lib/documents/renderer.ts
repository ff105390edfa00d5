import "server-only";
// Renders a DocumentModel to PDF in a child process running Typst (lib/documents/render-child.mjs);
// docs/decisions/0010-pdf-documents-with-typst.md says why a child and why Typst. One child per server
// process, renders queued one at a time, replaced after `recycleAfter` renders or if it dies.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { DocumentModel } from "./model";

let recycleAfter = 300;
const RENDER_TIMEOUT_MS = 20_000;
// Not a module for the bundler to follow: the child runs from the repository as plain JavaScript.
const CHILD = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "documents", "render-child.mjs");

export class DocumentRenderError extends Error {}

type Reply = { id?: number; pdf?: Uint8Array; error?: string; ready?: boolean };
type Pending = {
  proc: ChildProcess;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

let child: ChildProcess | null = null;
let ready: Promise<void> | null = null;
let renders = 0;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Fails the requests a stopped child will never answer; those sent to its successor carry on. */
function failAllOf(proc: ChildProcess, reason: string) {
  for (const [id, p] of pending) {
    if (p.proc !== proc) continue;
    clearTimeout(p.timer);
    p.reject(new DocumentRenderError(reason));
    pending.delete(id);
  }
}

/** An idle renderer must not keep a script or a test run alive; a busy one must, until it answers. */
function idle(proc: ChildProcess) {
  proc.unref();
  proc.channel?.unref();
}

function busy(proc: ChildProcess) {
  proc.ref();
  proc.channel?.ref();
}

function start(): Promise<void> {
  const proc = fork(/* turbopackIgnore: true */ CHILD, [], {
    serialization: "advanced",
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    execArgv: [],
  });
  child = proc;
  renders = 0;
  ready = new Promise<void>((resolve, reject) => {
    proc.once("error", (error) =>
      reject(new DocumentRenderError(`The PDF renderer did not start: ${error.message}`)),
    );
    proc.on("message", (message: Reply) => {
      if (message.ready) {
        idle(proc);
        return resolve();
      }
      const p = message.id === undefined ? undefined : pending.get(message.id);
      if (!p || message.id === undefined) return;
      pending.delete(message.id);
      clearTimeout(p.timer);
      if (![...pending.values()].some((other) => other.proc === proc)) idle(proc);
      if (message.pdf) p.resolve(Buffer.from(message.pdf));
      else p.reject(new DocumentRenderError(message.error ?? "The PDF renderer gave no document"));
    });
  });
  proc.once("exit", () => {
    if (child === proc) {
      child = null;
      ready = null;
    }
    failAllOf(proc, "The PDF renderer stopped");
  });
  return ready;
}

/** How many renders one child process makes before it is replaced (300; the bench and tests vary it). */
export function setRendererRecycleAfter(renders: number) {
  if (!Number.isSafeInteger(renders) || renders < 1) throw new RangeError("recycleAfter must be ≥ 1");
  recycleAfter = renders;
}

/** The child takes no new work and exits once it has answered what it was sent. */
function retire(proc: ChildProcess) {
  child = null;
  ready = null;
  const stopWhenIdle = () => {
    if ([...pending.values()].some((p) => p.proc === proc)) setTimeout(stopWhenIdle, 50).unref();
    else proc.kill();
  };
  stopWhenIdle();
}

/** Stops the renderer (tests and scripts call it before exiting; the server never needs to). */
export function stopRenderer() {
  child?.kill();
  child = null;
  ready = null;
}

/** The PDF bytes for a document: the same model and logo always give the same bytes. */
export async function renderDocumentPdf(model: DocumentModel, logo: Uint8Array | null): Promise<Buffer> {
  // Replaced between renders: requests already sent to the old child are still answered by it.
  if (child && renders >= recycleAfter) retire(child);
  if (!child || !ready) await start();
  else await ready;
  const proc = child;
  if (!proc) throw new DocumentRenderError("The PDF renderer is not running");
  renders += 1;
  const id = nextId++;
  const [y, m, d] = model.createdOn.split("-").map(Number);
  const creationTimestamp = Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000);
  const data = JSON.stringify({ ...model, hasLogo: model.hasLogo && logo !== null });
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new DocumentRenderError("The PDF renderer took too long"));
      proc.kill();
    }, RENDER_TIMEOUT_MS);
    pending.set(id, { proc, resolve, reject, timer });
    busy(proc);
    proc.send({ id, data, logo, creationTimestamp });
  });
}
