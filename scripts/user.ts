/**
 * User administration without a browser:
 *   npm run user -- add --email a@b.c --name "Ada" --role owner [--vault <id>|--all-vaults]
 *   npm run user -- reset-password --email a@b.c
 *   npm run user -- set-role --email a@b.c --role operator [--vault <id>|--all-vaults]
 *   npm run user -- server-admin --email a@b.c [--revoke]
 *   npm run user -- list
 *   npm run user -- token --email a@b.c [--days N] [--name <label>]   (prints a new API token)
 * Passwords are read from the PORTAL_USER_PASSWORD environment variable or typed at a hidden
 * prompt; they are never taken as a command-line argument (shell history, ps).
 */
import readline from "node:readline";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { getDb } from "../db/client";
import * as s from "../db/schema";
import { hashPassword } from "better-auth/crypto";
import { recordAudit } from "../server/domain/audit/entries";
import {
  addUser,
  findUserByEmail,
  insertUser,
  resetPassword,
  grantRole,
  grantServerAdmin,
  revokeServerAdmin,
} from "../server/domain/users/members";
import { isRole, ROLES, type Role } from "../server/domain/users/roles";
import { emailSchema, nameSchema, passwordSchema } from "../server/domain/users/schemas";
import { DomainError } from "../server/domain/errors";
import { createToken } from "../server/domain/tokens/tokens";

const USAGE = `Usage:
  npm run user -- add --email <email> --name <name> --role <${ROLES.join("|")}> [--vault <id> | --all-vaults]
  npm run user -- reset-password --email <email>
  npm run user -- set-role --email <email> --role <role> [--vault <id> | --all-vaults]
  npm run user -- server-admin --email <email> [--revoke]
  npm run user -- list
  npm run user -- token --email <email> [--days <1-365>] [--name <label>]
The password comes from PORTAL_USER_PASSWORD or a hidden prompt.`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.PORTAL_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) fail("No terminal to ask for the password: set PORTAL_USER_PASSWORD.");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let prompted = false;
  out._writeToOutput = (str: string) => {
    if (!prompted) {
      out.output.write(str);
      prompted = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

function vaultIds(db: ReturnType<typeof getDb>, vault: string | undefined, all: boolean | undefined): string[] {
  const vaults = db
    .select({ id: s.vaults.id })
    .from(s.vaults)
    .all()
    .map((v) => v.id);
  if (all || (!vault && vaults.length === 1)) return vaults;
  if (!vault) fail(`Several vaults exist (${vaults.join(", ")}): pass --vault <id> or --all-vaults.`);
  if (!vaults.includes(vault)) fail(`Vault '${vault}' does not exist. Vaults: ${vaults.join(", ") || "(none)"}.`);
  return [vault];
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      vault: { type: "string" },
      "all-vaults": { type: "boolean" },
      revoke: { type: "boolean" },
      days: { type: "string" },
    },
    allowPositionals: false,
  });
  const db = getDb();
  const audit = (operation: string, target: string, role: Role | null = null) =>
    recordAudit(db, { operation, target, role, userEmail: "cli", outcome: "accepted", clientIp: "cli" });

  switch (command) {
    case "add": {
      const email = emailSchema.safeParse(values.email ?? "");
      const name = nameSchema.safeParse(values.name ?? "");
      if (!email.success || !name.success || !isRole(values.role)) fail(USAGE);
      const role = values.role;
      const vaults = vaultIds(db, values.vault, values["all-vaults"]);
      const password = passwordSchema.safeParse(await readPassword(`Password for ${email.data}: `));
      if (!password.success) fail(password.error.issues[0]?.message ?? "Invalid password.");
      const passwordHash = await hashPassword(password.data);
      db.transaction((tx) => {
        const [first, ...others] = vaults;
        const userId = first
          ? addUser(tx, { vaultId: first, name: name.data, email: email.data, passwordHash, role })
          : insertUser(tx, { name: name.data, email: email.data, passwordHash });
        for (const vaultId of others) grantRole(tx, { vaultId, userId, role });
      });
      audit("cli.user.add", email.data, role);
      console.log(`Added ${email.data} as ${role} of ${vaults.join(", ") || "no vault"}.`);
      break;
    }
    case "reset-password": {
      const user = findUserByEmail(db, values.email ?? "");
      if (!user) fail(`No user with the email '${values.email ?? ""}'.`);
      const password = passwordSchema.safeParse(await readPassword(`New password for ${user.email}: `));
      if (!password.success) fail(password.error.issues[0]?.message ?? "Invalid password.");
      const passwordHash = await hashPassword(password.data);
      db.transaction((tx) => resetPassword(tx, { userId: user.id, passwordHash }));
      audit("cli.user.resetPassword", user.email);
      console.log(`Password reset for ${user.email}; their sessions were signed out.`);
      break;
    }
    case "set-role": {
      const user = findUserByEmail(db, values.email ?? "");
      if (!user) fail(`No user with the email '${values.email ?? ""}'.`);
      if (!isRole(values.role)) fail(USAGE);
      const role = values.role;
      const vaults = vaultIds(db, values.vault, values["all-vaults"]);
      db.transaction((tx) => vaults.forEach((vaultId) => grantRole(tx, { vaultId, userId: user.id, role })));
      audit("cli.user.setRole", user.email, role);
      console.log(`${user.email} is now ${role} of ${vaults.join(", ")}.`);
      break;
    }
    case "server-admin": {
      // Server administrators see the activity-log rows outside any vault (everyone's sign-ins, CLI actions).
      const user = findUserByEmail(db, values.email ?? "");
      if (!user) fail(`No user with the email '${values.email ?? ""}'.`);
      db.transaction((tx) => (values.revoke ? revokeServerAdmin(tx, user.id) : grantServerAdmin(tx, user.id)));
      audit(values.revoke ? "cli.user.revokeServerAdmin" : "cli.user.grantServerAdmin", user.email);
      console.log(`${user.email} is ${values.revoke ? "no longer" : "now"} a server administrator.`);
      break;
    }
    case "token": {
      const user = findUserByEmail(db, values.email ?? "");
      if (!user) fail(`No user with the email '${values.email ?? ""}'.`);
      const days = values.days === undefined ? undefined : Number(values.days);
      const created = db.transaction((tx) => createToken(tx, user.id, { name: values.name ?? "CLI token", days }));
      audit("cli.user.token", user.email);
      // The token alone on stdout, so scripts can capture it; the rest on stderr.
      console.error(`Token '${created.name}' of ${user.email}, expires ${created.expiresAt.toISOString()}. It is not shown again.`);
      console.log(created.token);
      break;
    }
    case "list": {
      const rows = db
        .select({ email: s.users.email, name: s.users.name, vaultId: s.vaultMembers.vaultId, role: s.vaultMembers.role })
        .from(s.users)
        .leftJoin(s.vaultMembers, eq(s.vaultMembers.userId, s.users.id))
        .all();
      for (const r of rows) console.log(`${r.email}\t${r.name}\t${r.vaultId ?? "-"}\t${r.role ?? "-"}`);
      break;
    }
    default:
      fail(USAGE);
  }
}

main().catch((err) => {
  fail(err instanceof DomainError ? err.message : `Failed: ${(err as Error).message}`);
});
