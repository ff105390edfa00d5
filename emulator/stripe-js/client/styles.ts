const STYLE_ID = "stripe-emulator-styles";

const CSS = `
.StripeEmulatorElement { font-family: system-ui, sans-serif; font-size: 14px; color: #30313d; display: grid; gap: 12px; }
.StripeEmulatorElement .se-badge { font-size: 11px; color: #6b5500; background: #fff4cc; border-radius: 4px;
  padding: 2px 6px; justify-self: start; }
.StripeEmulatorElement .se-row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.StripeEmulatorElement label { display: grid; gap: 4px; }
.StripeEmulatorElement input { font: inherit; box-sizing: border-box; width: 100%; min-width: 0; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: 5px;
  box-shadow: 0 1px 1px rgba(0,0,0,.03); }
.StripeEmulatorElement input:focus { outline: none; border-color: #0570de; box-shadow: 0 0 0 3px rgba(5,112,222,.25); }
.StripeEmulatorElement input[aria-invalid="true"] { border-color: #df1b41; }
.StripeEmulatorElement .se-error { color: #df1b41; font-size: 13px; min-height: 0; margin: 0; }
.StripeEmulatorElement .se-error:empty { display: none; }
`;

/** Injects the Payment Element's styles once per document. */
export function ensureStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.append(style);
}
