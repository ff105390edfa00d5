// JSON lines on stdout/stderr: a message and a flat context object. Callers pass ids and codes,
// never secrets, card data or whole Stripe objects.
type Level = "debug" | "info" | "warn" | "error";
type Context = Record<string, string | number | boolean | null | undefined>;

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let minimum: number = ORDER.info;

// Set from the validated env at start-up; logging works before that, even while env validation fails.
export function setLogLevel(level: Level) {
  minimum = ORDER[level];
}

export function errorContext(error: unknown): Context {
  if (error instanceof Error) return { error: error.name, errorMessage: error.message };
  return { error: String(error) };
}

function write(level: Level, message: string, context?: Context) {
  if (ORDER[level] < minimum) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...context });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, context?: Context) => write("debug", message, context),
  info: (message: string, context?: Context) => write("info", message, context),
  warn: (message: string, context?: Context) => write("warn", message, context),
  error: (message: string, context?: Context) => write("error", message, context),
};
