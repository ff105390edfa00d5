"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it. Until then, buttons whose work is done by client code
 * would swallow a press (their handlers are not attached yet) and forms would submit natively, so
 * globals.css makes buttons ignore the pointer until this attribute is set. Playwright's actionability
 * check waits for the same thing, so no spec can press a button too early.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
