// The PDF renderer's own process (docs/decisions/0010-pdf-documents-with-typst.md). The app server forks
// it and sends { id, data, logo }; it answers { id, pdf } or { id, error }. Typst's native code keeps
// ~50 kB per render that no cache eviction returns, so the parent replaces this process every few
// hundred renders; running here also keeps the synchronous layout off the server's event loop.
// Plain JavaScript so Next never bundles it and it runs as is from the repository.
import { readFileSync } from "node:fs";
import path from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const here = path.dirname(new URL(import.meta.url).pathname);
const fonts = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"].map((f) =>
  readFileSync(path.join(here, "fonts", f)),
);
const source = readFileSync(path.join(here, "typst", "document.typ"), "utf8");
const compiler = NodeCompiler.create({ workspace: "/", fontArgs: [{ fontBlobs: fonts }] });

function render({ data, logo, creationTimestamp }) {
  compiler.resetShadow();
  if (logo) compiler.mapShadow("/logo", Buffer.from(logo));
  try {
    // compile() + pdf() as two calls holds the compiled document in a JS object and kept ~0.8 MB per
    // render alive; one call does not.
    return compiler.pdf({ mainFileContent: source, inputs: { data } }, { creationTimestamp });
  } finally {
    compiler.evictCache(10);
  }
}

process.on("message", (message) => {
  const { id } = message;
  try {
    const pdf = render(message);
    process.send({ id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    process.send({ id, error: text.slice(0, 2000) });
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
