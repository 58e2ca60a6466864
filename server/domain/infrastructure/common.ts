import { DomainError } from "../errors";

export const invalid = (field: string, message: string, recommendedAction = "Correct the field and try again.") =>
  new DomainError("Invalid", { code: "InvalidInput", message, recommendedAction, fieldErrors: { [field]: [message] } });
