function formatAmount(amount: number, currency: string): string {
  const upper = currency.toUpperCase();
  try {
    const digits =
      new Intl.NumberFormat("en", { style: "currency", currency: upper }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(undefined, { style: "currency", currency: upper }).format(
      amount / 10 ** digits,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * The 3-D Secure challenge as a modal over the page (what Stripe.js shows for `use_stripe_sdk`), with
 * buttons a person or Playwright can press: "Complete authentication" or "Fail authentication".
 */
export function showThreeDSecureChallenge(amount: number, currency: string): Promise<"complete" | "fail"> {
  return new Promise((resolve) => {
    const overlay = document.createElement("div");
    overlay.setAttribute("data-testid", "stripe-emulator-3ds");
    overlay.style.cssText =
      "position:fixed;inset:0;background:rgba(10,20,40,.55);display:flex;align-items:center;justify-content:center;z-index:2147483647;font-family:system-ui,sans-serif";
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", "stripe-emulator-3ds-title");
    dialog.style.cssText =
      "background:#fff;color:#1a1f36;padding:24px;border-radius:8px;max-width:360px;width:90%";
    dialog.innerHTML = `<h2 id="stripe-emulator-3ds-title" style="margin-top:0;font-size:18px">3D Secure authentication</h2>
<p style="font-size:14px">Stripe emulator (test mode): your bank asks you to confirm a payment of <strong></strong>.</p>`;
    const strong = dialog.querySelector("strong");
    if (strong) strong.textContent = formatAmount(amount, currency);
    const choose = (result: "complete" | "fail") => () => {
      overlay.remove();
      resolve(result);
    };
    for (const [label, result, style] of [
      ["Complete authentication", "complete", "background:#635bff;color:#fff;border:1px solid #635bff"],
      ["Fail authentication", "fail", "background:#fff;color:#c0123c;border:1px solid #c0123c"],
    ] as const) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.style.cssText = `${style};font:inherit;padding:8px 14px;border-radius:6px;margin:8px 8px 0 0;cursor:pointer`;
      button.addEventListener("click", choose(result));
      dialog.append(button);
    }
    overlay.append(dialog);
    document.body.append(overlay);
    dialog.querySelector("button")?.focus();
  });
}
