import { build } from "esbuild";

const bundles = new Map<string, Promise<string>>();

/** Bundles a browser entry point (TypeScript) into one IIFE, once per process (esbuild, tens of ms). */
export function browserBundle(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      target: "es2020",
      legalComments: "none",
      logLevel: "silent",
    }).then((result) => result.outputFiles[0]?.text ?? "");
    bundles.set(entry, bundle);
  }
  return bundle;
}
