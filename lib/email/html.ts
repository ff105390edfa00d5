// The HTML part of every email: one escaped layout with inline styles (mail clients ignore
// <style> blocks inconsistently). Every value that reaches HTML goes through escapeHtml.

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Escaped text with its line breaks kept. */
export function escapeMultiline(value: string): string {
  return escapeHtml(value).replaceAll("\n", "<br>");
}

export type HtmlRow = { label: string; value: string };

export function rowsHtml(rows: HtmlRow[]): string {
  const cells = rows
    .map(
      (r) =>
        `<tr><td style="padding:6px 12px 6px 0;color:#475569">${escapeHtml(r.label)}</td>` +
        `<td style="padding:6px 0;text-align:right;font-weight:600">${escapeHtml(r.value)}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">${cells}</table>`;
}

export function buttonHtml(href: string, label: string): string {
  return (
    `<p style="margin:24px 0"><a href="${escapeHtml(href)}" ` +
    `style="display:inline-block;background:#4f46e5;color:#ffffff;padding:12px 20px;border-radius:6px;` +
    `text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>` +
    `<p style="font-size:12px;color:#64748b">Or open this link: <a href="${escapeHtml(href)}">${escapeHtml(href)}</a></p>`
  );
}

export function paragraphHtml(text: string): string {
  return `<p style="margin:12px 0">${escapeHtml(text)}</p>`;
}

/** A whole document; `body` must already be escaped HTML built from the helpers above. */
export function layoutHtml(params: { title: string; body: string; footer: string }): string {
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(params.title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f1f5f9;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">',
    params.body,
    "</div>",
    `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#64748b">${escapeHtml(params.footer)}</p>`,
    "</body></html>",
  ].join("");
}
