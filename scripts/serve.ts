/**
 * The portal's HTTP server (what `npm start` runs once the build is ready): Next.js behind a plain
 * Node server, so that the client address is taken from the socket. A request from a proxy listed
 * in PORTAL_TRUSTED_PROXIES keeps its X-Forwarded-* headers (the client address is then its
 * right-most untrusted X-Forwarded-For hop); any other request has them replaced, so nobody
 * chooses the address the activity log and the sign-in rate limit see.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { PROXY_HEADERS, resolveClientIp, trustedProxies } from "../server/auth/client-ip";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || undefined;
const isTrusted = trustedProxies();

async function main() {
  const app = next({ dev: false, dir: root, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    const socketIp = req.socket.remoteAddress;
    const client = resolveClientIp(socketIp, req.headers["x-forwarded-for"], isTrusted);
    if (!socketIp || !isTrusted(socketIp)) for (const h of PROXY_HEADERS) delete req.headers[h];
    if (client) req.headers["x-forwarded-for"] = client;
    void handle(req, res);
  });
  server.listen(port, hostname, () => console.log(`Ready on port ${port}`));
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
