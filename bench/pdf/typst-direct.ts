// Typst called in this process with the app's template, for the engine comparison: the app itself
// renders in a child process (lib/documents/renderer.ts), which would time the IPC as well.
import { readFileSync } from "node:fs";
import path from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import type { DocumentModel } from "../../lib/documents/model";

const DIR = path.join(process.cwd(), "lib", "documents");
const compiler = NodeCompiler.create({
  workspace: "/",
  fontArgs: [
    {
      fontBlobs: ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"].map((f) =>
        readFileSync(path.join(DIR, "fonts", f)),
      ),
    },
  ],
});
const source = readFileSync(path.join(DIR, "typst", "document.typ"), "utf8");

/** `pdfA`: PDF/A-3b, the profile an EN 16931 (Factur-X/ZUGFeRD) XML attachment needs. */
export function renderTypst(model: DocumentModel, pdfA: boolean): Buffer {
  const pdf = compiler.pdf(
    { mainFileContent: source, inputs: { data: JSON.stringify(model) } },
    { creationTimestamp: 1_796_000_000, ...(pdfA ? { pdfStandard: "a-3b" } : {}) },
  );
  compiler.evictCache(10);
  return pdf;
}
