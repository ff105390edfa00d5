// `npx tsx --conditions=react-server bench/pdf/targets.ts [--renders=1000]` — the PDF rows of the
// bench targets, measured on the app's own renderer (lib/documents/renderer.ts: Typst in a child
// process): p50 for a 20-line invoice, RSS growth of this (server) process and of the renderer over
// the renders, and byte-identical output for the same input.
import { execFileSync } from "node:child_process";
import { renderDocumentPdf, stopRenderer } from "../../lib/documents/renderer";
import { sampleInvoice } from "./sample";

const renders = Number(process.argv.find((a) => a.startsWith("--renders="))?.split("=")[1] ?? 1000);
const rssMb = (pid: number) => {
  try {
    return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024;
  } catch {
    return Number.NaN;
  }
};
const childPid = () => {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.includes("render-child"));
  return Number(line?.trim().split(/\s+/)[0] ?? Number.NaN);
};

// Warm up: start the renderer, fill Typst's caches and let V8 size its heap for the traffic.
for (let i = 0; i < 200; i++) await renderDocumentPdf({ ...sampleInvoice(20), number: `WARM-${i}` }, null);
globalThis.gc?.();
const serverBefore = rssMb(process.pid);
let childPeak = rssMb(childPid());
const times: number[] = [];
for (let i = 0; i < renders; i++) {
  const t = performance.now();
  await renderDocumentPdf({ ...sampleInvoice(20), number: `INV-${i}` }, null);
  times.push(performance.now() - t);
  if (i % 50 === 0) childPeak = Math.max(childPeak, rssMb(childPid()));
}
globalThis.gc?.();
const serverAfter = rssMb(process.pid);
const a = await renderDocumentPdf(sampleInvoice(20), null);
const b = await renderDocumentPdf(sampleInvoice(20), null);
stopRenderer();
times.sort((x, y) => x - y);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
const growth = ((serverAfter - serverBefore) / serverBefore) * 100;
console.log(
  [
    `| 20-line invoice, ${renders} renders: p50 / p95 / max | ${p(0.5).toFixed(1)} / ${p(0.95).toFixed(1)} / ${p(1).toFixed(1)} ms | ≤ 150 ms p50 | ${p(0.5) <= 150 ? "met" : "NOT met"} |`,
    `| server RSS before → after | ${serverBefore.toFixed(0)} → ${serverAfter.toFixed(0)} MB (${growth.toFixed(1)} %) | ≤ 10 % | ${growth <= 10 ? "met" : "NOT met"} |`,
    `| renderer process RSS, peak (replaced every 300 renders) | ${childPeak.toFixed(0)} MB | — | — |`,
    `| same input, same bytes | ${a.equals(b) ? "yes" : "no"} (${a.length} bytes) | identical | ${a.equals(b) ? "met" : "NOT met"} |`,
  ].join("\n"),
);
