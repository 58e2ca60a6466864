import pino from "pino";

/** Structured server log. Secret-bearing paths are redacted wherever they appear. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: [
      "password",
      "*.password",
      "*.*.password",
      "passphrase",
      "*.passphrase",
      "*.*.passphrase",
      "secret",
      "*.secret",
      "*.secretEnc",
      "*.passphraseEnc",
      "req.headers.cookie",
      "req.headers.authorization",
      "headers.cookie",
    ],
    censor: "[redacted]",
  },
});
