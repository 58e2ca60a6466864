"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientIpFrom } from "@/server/auth/ip";
import { setUpFirstAdministrator } from "@/server/auth/users";
import { DomainError } from "@/server/domain/errors";

export type SetupState = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> };

/** First run only: refuses once any user exists (checked again inside the insert transaction). */
export async function createFirstAdministratorAction(input: { name: string; email: string; password: string }): Promise<SetupState> {
  try {
    await setUpFirstAdministrator(getDb(), input, clientIpFrom(await headers()));
    return { ok: true };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    return { ok: false, message: "Something went wrong on the server. Nothing was created." };
  }
}
