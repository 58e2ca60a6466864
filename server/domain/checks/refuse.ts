import { DomainError } from "../errors";

/** A prerequisite refusal: the operation is not allowed until the cause is fixed. */
export function refuse(code: string, message: string, possibleCauses: string, recommendedAction: string): DomainError {
  return new DomainError("NotAllowed", { code, message, possibleCauses, recommendedAction });
}
