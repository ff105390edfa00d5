import "server-only";
import type { RenderedDocument } from "./service";

/**
 * A PDF as a download: served with Content-Disposition: attachment (never embedded in a page, which a
 * strict Content-Security-Policy would block) and never cached by shared caches.
 */
export function pdfResponse(doc: RenderedDocument | null): Response {
  if (!doc) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(new Uint8Array(doc.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${doc.fileName}"`,
      "Content-Length": String(doc.pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
