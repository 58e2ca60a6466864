/** `npm run db:migrate | db:seed | db:reset` on the database at DATABASE_URL (default data/portal.db). */
import fs from "node:fs";
import { DatabaseFileError, databasePath, migrateDb, openDb } from "../db/client";
import { seedDemoVault } from "../db/seed";

const command = process.argv[2];
const file = databasePath();

function open() {
  try {
    const db = openDb(file);
    migrateDb(db);
    return db;
  } catch (err) {
    if (err instanceof DatabaseFileError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

switch (command) {
  case "migrate": {
    open().$client.close();
    console.log(`Migrated ${file}`);
    break;
  }
  case "seed": {
    const db = open();
    console.log(seedDemoVault(db) ? `Seeded the demo vault into ${file}` : "The demo vault already exists; nothing changed.");
    db.$client.close();
    break;
  }
  case "reset": {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    const db = open();
    seedDemoVault(db);
    db.$client.close();
    console.log(`Rebuilt ${file} with the demo vault`);
    break;
  }
  default:
    console.error("Usage: tsx scripts/db.ts migrate|seed|reset");
    process.exit(2);
}
