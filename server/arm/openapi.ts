/**
 * The OpenAPI 3.0 description of the automation API, generated from the route table (so it lists
 * exactly what is implemented). Schemas are summarised; the SDK's models are the reference.
 */
import { API_VERSION, PROVIDER } from "./context";
import { ROUTES } from "./routes";

const VAULT = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${PROVIDER}/vaults/{resourceName}`;

const PARAM_NAMES: Record<string, string> = {
  fabric: "fabricName",
  container: "protectionContainerName",
  item: "replicatedProtectedItemName",
  point: "recoveryPointName",
  policy: "policyName",
  plan: "recoveryPlanName",
  job: "jobName",
};

const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/CloudError" } } },
});

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const segs = r.pattern.map((p) => (p.startsWith("{") ? `{${PARAM_NAMES[p.slice(1, -1)] ?? p.slice(1, -1)}}` : p));
    const path = `${VAULT}/${segs.join("/")}`;
    const params = [
      "subscriptionId",
      "resourceGroupName",
      "resourceName",
      ...segs.filter((s) => s.startsWith("{")).map((s) => s.slice(1, -1)),
    ];
    const isList = r.method === "GET" && !r.pattern.at(-1)!.startsWith("{") && !r.poll;
    const lro = r.method === "POST" && !r.operationId.startsWith("ReplicationJobs_");
    const responses: Record<string, unknown> = {
      "400": errorResponse("Bad request: input, api-version, $filter."),
      "401": errorResponse("Missing, unknown, expired or revoked token."),
      "403": errorResponse("The user's role does not allow the operation."),
      "404": errorResponse("Unknown resource."),
    };
    if (lro) {
      responses["202"] = {
        description: "Accepted: poll Azure-AsyncOperation, then GET Location for the resource.",
        headers: {
          Location: { schema: { type: "string" } },
          "Azure-AsyncOperation": { schema: { type: "string" } },
          "Retry-After": { schema: { type: "integer" } },
        },
      };
      responses["409"] = errorResponse("The state does not allow the operation (the domain's code).");
    } else if (r.method === "DELETE" && r.operationId.startsWith("ReplicationRecoveryPlans_")) {
      responses["200"] = { description: "Deleted." };
      responses["204"] = { description: "No such resource (a repeated DELETE succeeds)." };
      responses["409"] = errorResponse("The state does not allow the operation (the domain's code).");
    } else if (r.method === "DELETE") {
      responses["202"] = { description: "Accepted (long-running)." };
      responses["409"] = errorResponse("The state does not allow the operation.");
    } else {
      responses["200"] = {
        description: isList ? "A page: { value, nextLink? }." : "The resource.",
        content: { "application/json": { schema: { type: "object" } } },
      };
      if (r.method !== "GET") responses["409"] = errorResponse("The state does not allow the operation.");
    }
    const query = [{ name: "api-version", in: "query", required: true, schema: { type: "string", enum: [API_VERSION] } }];
    if (isList && (r.operationId.startsWith("ReplicationProtectedItems_") || r.operationId.startsWith("ReplicationJobs_")))
      query.push(
        { name: "$filter", in: "query", required: false, schema: { type: "string" } } as never,
        { name: "$skipToken", in: "query", required: false, schema: { type: "string" } } as never,
      );
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      parameters: [...params.map(pathParam), ...query],
      ...(r.method === "POST" || r.method === "PUT"
        ? { requestBody: { required: false, content: { "application/json": { schema: { type: "object" } } } } }
        : {}),
      responses,
      security: [{ bearer: [] }],
    };
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Failback Portal automation API (Azure Site Recovery subset)",
      version: API_VERSION,
      description: "The subset of Microsoft.RecoveryServices replication* that the portal implements; see docs/api.md.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal access token (Profile page or npm run user -- token)." },
      },
      schemas: {
        CloudError: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                details: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { code: { type: "string" }, message: { type: "string" }, target: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
