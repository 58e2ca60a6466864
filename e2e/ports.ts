/**
 * Ports of the extra servers some specs start, offset from the portal's own E2E_PORT so that two
 * suites run side by side (on different E2E_PORTs) never share a port.
 */
const base = Number(process.env.E2E_PORT ?? 3100);

/** base+40 … base+49: crash-safety servers. */
export const CRASH_PORTS = base + 40;
/** base+50 … base+53: security portals; base+54 …: the sign-in limit portals. */
export const SECURITY_PORTS = base + 50;
export const SIGNIN_PORTS = base + 54;
/** base+58 …: the first-run portals; base+60 …: the canary-secrets portals. */
export const SETUP_PORTS = base + 58;
export const CANARY_PORTS = base + 60;
/** base+70 …: the automation API's local TLS endpoints. */
export const TLS_PORTS = base + 70;
