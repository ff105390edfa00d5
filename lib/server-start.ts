import { EnvError, getEnv } from "./env";
import { logger, setLogLevel } from "./logger";

/** A wrong environment stops start-up with a message naming the variable. */
export function onServerStart() {
  try {
    const env = getEnv();
    setLogLevel(env.LOG_LEVEL);
    logger.info("server starting", {
      stripe: env.stripeMode,
      database: env.DATABASE_URL ? "postgres" : "pglite",
    });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
