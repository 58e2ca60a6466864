/** The shape shared by the database commands: parse the arguments, run, exit with the code; an OpsError is a one-line message. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { OpsError } from "../server/ops/backup";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Runs `body` with the one file argument; prints `usage` and exits 2 without exactly one. */
export function runFileCommand<O extends Options>(
  usage: string,
  options: O,
  body: (file: string, values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>["values"]) => Promise<void>,
): void {
  const main = async (): Promise<number> => {
    const { values, positionals } = parseArgs({ options, allowPositionals: true });
    if (positionals.length !== 1) {
      console.error(usage);
      return 2;
    }
    await body(positionals[0]!, values);
    return 0;
  };
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof OpsError ? err.message : err);
      process.exit(1);
    },
  );
}
