import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Alert } from "./alert";
import { Button, buttonClasses } from "./button";
import { type FieldAria, FormField, type FormFieldProps, fieldAria } from "./form-field";
import { Input } from "./input";
import { Pagination } from "./pagination";
import { Table, Td, Th } from "./table";

describe("fieldAria", () => {
  it("wires nothing extra when there is no error or hint", () => {
    expect(fieldAria("email")).toEqual({
      id: "email",
      "aria-invalid": undefined,
      "aria-describedby": undefined,
    });
    expect(fieldAria("email", "")).toEqual({
      id: "email",
      "aria-invalid": undefined,
      "aria-describedby": undefined,
    });
  });

  it("marks the control invalid and points at the error", () => {
    expect(fieldAria("email", "Enter your email address.")).toEqual({
      id: "email",
      "aria-invalid": true,
      "aria-describedby": "email-error",
    });
  });

  it("points at the hint first, then the error", () => {
    expect(fieldAria("amount", "Too large", "In GBP")).toEqual({
      id: "amount",
      "aria-invalid": true,
      "aria-describedby": "amount-hint amount-error",
    });
  });
});

// FormField is a plain function component, so calling it directly renders the same tree as JSX would.
function field(props: Omit<FormFieldProps, "children">, aria: FieldAria) {
  return FormField({ ...props, children: h(Input, aria) });
}

describe("FormField", () => {
  it("links label, hint and error to the control", () => {
    const html = renderToStaticMarkup(
      field(
        { id: "amount", label: "Amount", hint: "In GBP", error: "Too large" },
        fieldAria("amount", "Too large", "In GBP"),
      ),
    );
    expect(html).toContain('<label for="amount"');
    expect(html).toContain('id="amount-hint"');
    expect(html).toContain('<p id="amount-error" aria-live="polite"');
    expect(html).toContain(">Too large</p>");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="amount-hint amount-error"');
  });

  it("keeps an empty live region so a later error is announced", () => {
    const html = renderToStaticMarkup(field({ id: "name", label: "Name" }, fieldAria("name")));
    expect(html).toMatch(/<p id="name-error" aria-live="polite" class="[^"]*"><\/p>/);
    expect(html).not.toContain('aria-invalid="');
    expect(html).not.toContain("aria-describedby");
  });
});

describe("Button", () => {
  it("defaults to type=button so it never submits a form by accident", () => {
    expect(renderToStaticMarkup(h(Button, null, "Go"))).toContain('type="button"');
    expect(renderToStaticMarkup(h(Button, { type: "submit" }, "Go"))).toContain('type="submit"');
  });

  it("exposes its classes for links and appends the caller's", () => {
    expect(buttonClasses("danger", "sm")).toContain("bg-red-600");
    expect(buttonClasses()).toContain("bg-indigo-600");
    expect(renderToStaticMarkup(h(Button, { className: "w-full" }, "Go"))).toMatch(/class="[^"]* w-full"/);
  });
});

describe("Alert", () => {
  it("interrupts only for danger", () => {
    expect(renderToStaticMarkup(h(Alert, { tone: "danger" }, "Failed"))).toContain('role="alert"');
    expect(renderToStaticMarkup(h(Alert, { tone: "success" }, "Saved"))).toContain('role="status"');
    expect(renderToStaticMarkup(h(Alert, null, "Note"))).toContain('role="status"');
  });
});

describe("Pagination", () => {
  it("renders links where there is a page and disabled text where there is none", () => {
    const html = renderToStaticMarkup(
      h(Pagination, { prevHref: null, nextHref: "/invoices?page=2", summary: "Page 1 of 2" }),
    );
    expect(html).toContain('<nav aria-label="Pagination"');
    expect(html).toMatch(/<span data-disabled=""[^>]*>.*Previous<\/span>/);
    expect(html).not.toMatch(/<a [^>]*>[^<]*<span aria-hidden="true">←/);
    expect(html).toMatch(/<a [^>]*href="\/invoices\?page=2"[^>]*>Next/);
    expect(html).toMatch(/<a [^>]*rel="next"/);
    expect(html).toContain("Page 1 of 2");
  });

  it("dims a missing page by colour, not opacity, so its text keeps a readable contrast", () => {
    const html = renderToStaticMarkup(h(Pagination, { prevHref: null, nextHref: null }));
    expect(html).toMatch(/<span data-disabled="" class="[^"]*text-slate-500/);
    expect(html).not.toContain("opacity-");
  });
});

describe("Table", () => {
  it("wraps the table in a named, keyboard-reachable horizontal scroller and right-aligns numeric cells", () => {
    const html = renderToStaticMarkup(
      h(
        Table,
        { caption: "Invoices" },
        h("tbody", null, h("tr", null, h(Th, { numeric: true }, "Total"), h(Td, { numeric: true }, "£1.00"))),
      ),
    );
    expect(html).toMatch(/^<section tabindex="0" aria-label="Invoices" class="[^"]*overflow-x-auto/);
    expect(html).toContain('<caption class="sr-only">Invoices</caption>');
    expect(html).toContain('scope="col"');
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*tabular-nums/);
  });

  it("turns rows into cards on phones, each labelled cell naming its column", () => {
    const html = renderToStaticMarkup(
      h(
        Table,
        null,
        h(
          "tbody",
          null,
          h("tr", null, h(Td, null, "INV-0001"), h(Td, { label: "Amount due", numeric: true }, "£1.00")),
        ),
      ),
    );
    expect(html).toMatch(/<table class="[^"]*max-sm:block/);
    expect(html).toMatch(/<td class="[^"]*max-sm:block[^"]*">INV-0001<\/td>/);
    expect(html).toMatch(
      /<td data-label="Amount due" class="[^"]*max-sm:before:content-\[attr\(data-label\)\]/,
    );
    expect(html).not.toMatch(/<td class="[^"]*before:content[^"]*">INV-0001/);
  });
});
