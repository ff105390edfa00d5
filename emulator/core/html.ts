const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A small self-contained page (no external assets: the emulator works offline). */
export function page(title: string, body: string, options: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f6f9fc; color: #1a1f36; margin: 0; }
  main { max-width: 36rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 1.4rem; margin-top: 0; } h2 { font-size: 1.05rem; margin-top: 1.6rem; }
  .badge { display: inline-block; background: #ffde92; color: #5c3b00; font-size: .75rem; padding: .1rem .5rem;
           border-radius: 4px; margin-bottom: 1rem; }
  form { margin: .5rem 0; } label { display: block; margin: .5rem 0 .2rem; font-size: .9rem; }
  input, select { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  button { font: inherit; padding: .55rem 1rem; border-radius: 6px; border: 1px solid #635bff; background: #635bff;
           color: #fff; cursor: pointer; margin-top: .5rem; }
  button.secondary { background: #fff; color: #635bff; } button.danger { background: #fff; color: #c0123c;
           border-color: #c0123c; }
  .muted { color: #697386; font-size: .85rem; } ul { padding-left: 0; list-style: none; }
  code { background: #f0f2f5; padding: 0 .25rem; border-radius: 3px; }
  main.wide { max-width: 80rem; } table { border-collapse: collapse; width: 100%; font-size: .85rem; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
  td button, section > button { font-size: .8rem; padding: .25rem .5rem; margin: .1rem; }
</style>
</head>
<body><main${options.wide ? ' class="wide"' : ""}><span class="badge">Stripe emulator · test mode · offline</span>
${body}
</main></body>
</html>`;
}
