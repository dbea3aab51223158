// What the browser tests and the budget script share: the browser, the phone, the server.
import path from 'node:path';

// Debian's Chromium: Playwright's own browser download cannot work on these machines.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep Chromium from reaching for the network it does not have here.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// A mid-range phone: the audience's usual device.
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

// The second app the browser tests start, whose sessions expire after 10 idle seconds.
export const SHORT_SESSION_PORT = 3102;

// Starts the release binary on `port` with a fresh data directory under target/.
export function serverCommand(root, port, name) {
  const bin = process.env.E2E_SERVER_BIN ?? path.join(root, 'target/release/siisl');
  const data = path.join(root, 'target', `${name}-data`);
  return `rm -rf '${data}' && SIISL_DEMO_CATALOG_SIZE=${process.env.E2E_CATALOG_SIZE ?? 4000} SIISL_DATA_DIR='${data}' LEPTOS_SITE_ADDR=127.0.0.1:${port} ` +
    `LEPTOS_SITE_ROOT='${path.join(root, 'target/site')}' SIISL_LOG_FILTER=warn '${bin}' serve`;
}

// The citizen pages whose weight is budgeted and which every browser check visits.
// Later features add their pages here.
export const CITIZEN_PAGES = ['/', '/privacy', '/accessibilita', '/fonti-dati', '/accedi', '/offline', '/offline/cv', '/offline/cv/esperienze',
  '/opportunita', '/opportunita?q=magazziniere&dove=F205&raggio=30&ordine=distanza'];

// The signed-in citizen's pages: the budget script measures them as a demo citizen.
export const SIGNED_IN_PAGES = ['/iscrizione', '/il-mio-siisl', '/domanda', '/nucleo', '/percorso', '/messaggi', '/pad', '/pad/ricevuta', '/demo/messaggi',
  '/pad-individuale', '/cv', '/cv/dati-personali', '/cv/esperienze', '/cv/istruzione', '/cv/lingue', '/cv/competenze-digitali',
  '/cv/patenti', '/cv/competenze', '/cv/disponibilita', '/cv/aspirazioni', '/cv/stampa', '/cv/importa', '/candidature', '/accessi'];
