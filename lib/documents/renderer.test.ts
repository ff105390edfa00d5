import { afterAll, describe, expect, it } from "vitest";
import { renderDocumentPdf, setRendererRecycleAfter, stopRenderer } from "./renderer";
import { sampleDocument } from "./sample";

afterAll(() => {
  setRendererRecycleAfter(300);
  stopRenderer();
});

describe("the renderer process", () => {
  it("answers every request while its child is replaced mid-stream, with the same bytes as before", async () => {
    const expected = await renderDocumentPdf(sampleDocument(), null);
    setRendererRecycleAfter(3);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => renderDocumentPdf(sampleDocument(), null)),
    );
    for (const pdf of results) expect(pdf.equals(expected)).toBe(true);
  });

  it("starts again after being stopped", async () => {
    stopRenderer();
    const pdf = await renderDocumentPdf({ ...sampleDocument(), number: "AFTER-STOP" }, null);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("reports a layout failure as an error and keeps serving", async () => {
    // A logo that is not an image: Typst refuses it; the next render still works.
    await expect(
      renderDocumentPdf({ ...sampleDocument(), hasLogo: true }, new TextEncoder().encode("not an image")),
    ).rejects.toThrow();
    const pdf = await renderDocumentPdf(sampleDocument(), null);
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
