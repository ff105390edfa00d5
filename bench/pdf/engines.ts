// `npx tsx bench/pdf/engines.ts` — the measurement behind
// docs/decisions/0010-pdf-documents-with-typst.md: @react-pdf/renderer against Typst
// (@myriaddreamin/typst-ts-node-compiler) on the same invoice layout. Each engine runs in its own
// child process so one's memory does not colour the other's. Prints a Markdown table.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

type EngineName = "typst" | "react-pdf";
type Figures = {
  engine: EngineName;
  loadMs: number;
  firstRenderMs: number;
  p50: Record<string, number>;
  p95: Record<string, number>;
  bytes: Record<string, number>;
  pages200: number | null;
  rssBeforeMb: number;
  rssAfterMb: number;
  renders: number;
  identical: boolean;
  pdfA3: string;
};

const LINES = [1, 20, 200];
const RUNS = 30;
const MEMORY_RENDERS = 300;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(engine: EngineName): Promise<Figures> {
  const { sampleInvoice } = await import("./sample");
  const t0 = performance.now();
  let render: (lines: number, number: string, pdfA?: boolean) => Promise<Buffer>;
  if (engine === "typst") {
    const { renderTypst } = await import("./typst-direct");
    render = async (lines, number, pdfA) => renderTypst({ ...sampleInvoice(lines), number }, pdfA === true);
  } else {
    const { renderToBuffer } = await import("@react-pdf/renderer");
    const { createElement } = await import("react");
    const { ReactPdfInvoice } = await import("./react-pdf-invoice");
    render = (lines, number, pdfA) =>
      renderToBuffer(
        createElement(ReactPdfInvoice, {
          model: { ...sampleInvoice(lines), number },
          conformance: pdfA ? "PDF/A-3b" : undefined,
        }) as Parameters<typeof renderToBuffer>[0],
      );
  }
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  await render(1, "FIRST-1");
  const firstRenderMs = performance.now() - t1;

  const p50: Record<string, number> = {};
  const p95: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  let pages200: number | null = null;
  for (const lines of LINES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A different number each time, so no engine answers from a cache of the previous render.
      const t = performance.now();
      const pdf = await render(lines, `INV-${lines}-${i}`);
      times.push(performance.now() - t);
      bytes[lines] = pdf.length;
      if (lines === 200 && i === 0) {
        const file = path.join("/tmp", `bench-${engine}-200.pdf`);
        writeFileSync(file, pdf);
        try {
          const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
          pages200 = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? Number.NaN);
        } catch {
          pages200 = null;
        }
      }
    }
    times.sort((a, b) => a - b);
    p50[lines] = percentile(times, 50);
    p95[lines] = percentile(times, 95);
  }

  globalThis.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  for (let i = 0; i < MEMORY_RENDERS; i++) await render(20, `MEM-${i}`);
  globalThis.gc?.();
  const rssAfterMb = process.memoryUsage().rss / 1e6;

  const a = await render(20, "SAME-1");
  const b = await render(20, "SAME-1");
  let pdfA3 = "no";
  try {
    const pdf = await render(20, "PDFA-1", true);
    pdfA3 = /pdfaid:part[^0-9]*3/.test(pdf.toString("latin1"))
      ? "yes (pdfaid:part 3 written)"
      : "output lacks PDF/A-3 metadata";
  } catch (error) {
    pdfA3 = `fails: ${(error as Error).message.slice(0, 80)}`;
  }
  return {
    engine,
    loadMs,
    firstRenderMs,
    p50,
    p95,
    bytes,
    pages200,
    rssBeforeMb,
    rssAfterMb,
    renders: MEMORY_RENDERS,
    identical: a.equals(b),
    pdfA3,
  };
}

const fmt = (n: number) => n.toFixed(1);

async function main() {
  const which = process.argv[2];
  if (which === "typst" || which === "react-pdf") {
    console.log(JSON.stringify(await measure(which)));
    return;
  }
  const rows: Figures[] = [];
  for (const engine of ["typst", "react-pdf"] as const) {
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", path.join(import.meta.dirname, "engines.ts"), engine],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    rows.push(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Figures);
  }
  const lines = [
    `| | ${rows.map((r) => r.engine).join(" | ")} |`,
    `|---|${rows.map(() => "---|").join("")}`,
    `| module load | ${rows.map((r) => `${fmt(r.loadMs)} ms`).join(" | ")} |`,
    `| first render (1 line, cold) | ${rows.map((r) => `${fmt(r.firstRenderMs)} ms`).join(" | ")} |`,
    ...LINES.map(
      (l) =>
        `| ${l} line(s): p50 / p95 (${RUNS} renders) | ${rows.map((r) => `${fmt(r.p50[l] ?? 0)} / ${fmt(r.p95[l] ?? 0)} ms`).join(" | ")} |`,
    ),
    ...LINES.map(
      (l) =>
        `| ${l} line(s): size | ${rows.map((r) => `${((r.bytes[l] ?? 0) / 1024).toFixed(0)} kB`).join(" | ")} |`,
    ),
    `| 200 lines: pages | ${rows.map((r) => String(r.pages200)).join(" | ")} |`,
    `| RSS before → after ${MEMORY_RENDERS} renders of 20 lines | ${rows.map((r) => `${fmt(r.rssBeforeMb)} → ${fmt(r.rssAfterMb)} MB (${fmt(((r.rssAfterMb - r.rssBeforeMb) / r.rssBeforeMb) * 100)} %)`).join(" | ")} |`,
    `| byte-identical for the same input | ${rows.map((r) => (r.identical ? "yes" : "no")).join(" | ")} |`,
    `| PDF/A-3b | ${rows.map((r) => r.pdfA3).join(" | ")} |`,
  ];
  console.log(lines.join("\n"));
}

await main();
