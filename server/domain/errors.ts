/**
 * Every refusal the domain makes is a DomainError: a kind the API maps to a transport code once,
 * an ASR-style error code, and the three texts the portal shows (message, possible causes,
 * recommended action).
 */
import { CODES } from "./checks/codes";

export type DomainErrorKind = "NotAllowed" | "Conflict" | "NotFound" | "Invalid" | "Forbidden";

export type DomainErrorDetails = {
  code: string;
  message: string;
  possibleCauses?: string;
  recommendedAction?: string;
  /** Field-level messages for Invalid input. */
  fieldErrors?: Record<string, string[]>;
};

/** A process-wide brand: a bundler may load this module more than once (instrumentation vs routes). */
const DOMAIN_ERROR = Symbol.for("failback-portal.DomainError");

export class DomainError extends Error {
  /** `instanceof` recognises a DomainError from any copy of this module. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[DOMAIN_ERROR] === true;
  }

  readonly [DOMAIN_ERROR] = true;
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly possibleCauses: string;
  readonly recommendedAction: string;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(kind: DomainErrorKind, details: DomainErrorDetails) {
    super(details.message);
    this.name = "DomainError";
    this.kind = kind;
    this.code = details.code;
    this.possibleCauses = details.possibleCauses ?? "";
    this.recommendedAction = details.recommendedAction ?? "";
    this.fieldErrors = details.fieldErrors;
  }

  toJSON() {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      possibleCauses: this.possibleCauses,
      recommendedAction: this.recommendedAction,
      fieldErrors: this.fieldErrors,
    };
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError("NotFound", {
    code: CODES.notFound,
    message: `${what} '${id}' was not found.`,
    recommendedAction: "Refresh the list; the object may have been deleted.",
  });

export const conflictInProgress = (target: string) =>
  new DomainError("Conflict", {
    code: CODES.operationInProgress,
    message: `Another operation is in progress on ${target}.`,
    possibleCauses: "A job is already running on this item.",
    recommendedAction: "Wait for the running job to finish (see Jobs), then try again.",
  });

/** Bad input in one field: the form shows `message` under that field. */
export const invalid = (field: string, message: string, recommendedAction = "Correct the field and try again.") =>
  new DomainError("Invalid", { code: CODES.invalidInput, message, recommendedAction, fieldErrors: { [field]: [message] } });
