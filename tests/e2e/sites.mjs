// Serving our fixture pages at the real sites' https origins, for the tests of the optional
// sites (social and chat) and of the email sites at their real hosts. Nothing here visits a
// live site: every request to a known site's host is answered from tests/fixtures/.
//
// API (for the adapter tests too):
//
//   import { SITES, siteOf, fixtureFile, routeSites, startSiteServer } from './sites.mjs';
//
//   SITES                    the table in extension/sites.js (what the extension itself reads)
//   siteOf(id)               one site: { id, channel, optional, hosts, origins, scripts }
//   fixtureFile(site, pathname, { fixtures })
//                            the file that answers https://<host><pathname>: the path under
//                            tests/fixtures/<dir>/, where <dir> is fixtures[site.id] ?? site.id
//                            ("/" is index.html; /_common/x is tests/fixtures/common/x); null
//                            if it would leave that directory
//
//   Chromium (Playwright):
//   await routeSites(context, { fixtures, sites })
//       context.route() for every host of every site (or `sites`, a list of ids): requests
//       are fulfilled from fixtureFile(); a missing file is a 404. No certificates needed:
//       Playwright answers before the network. Resolves to { served, unroute } — `served`
//       lists the URLs answered, for assertions that a page really came from us.
//       Example: page.goto('https://www.facebook.com/compose.html') shows
//       tests/fixtures/facebook/compose.html; with { fixtures: { facebook: 'optin' } } it
//       shows tests/fixtures/optin/compose.html.
//
//   Firefox (Selenium):
//   const server = await startSiteServer({ fixtures, sites })
//       a local HTTPS server (a self-signed certificate for every site host, made here with
//       openssl) answering from fixtureFile() by the request's Host. Resolves to
//       { port, url(host, pathname), prefs, acceptInsecureCerts: true, served, close }.
//       Pass `prefs` and `acceptInsecureCerts` to launchFirefox (firefox-helpers.mjs), which
//       then resolves every host name to 127.0.0.1 and accepts the certificate; open pages
//       with server.url('www.facebook.com', '/compose.html'), i.e.
//       https://www.facebook.com:<port>/compose.html — match patterns and host permissions
//       without a port match every port, so the extension sees the real origin.
//
// Why these prefs (checked in Firefox 153 ESR's libxul and greprefs):
//   network.dns.forceResolve          every DNS lookup answers this address
//   network.trr.mode = 5              no DNS over HTTPS (off by choice)
//   network.stricttransportsecurity.preloadlist = false, security.cert_pinning.enforcement_level = 0
//                                     facebook.com, twitter.com and others are HSTS-preloaded
//                                     and pinned; a test certificate would otherwise be refused
//                                     with no way to accept it
//   acceptInsecureCerts (WebDriver)   the self-signed certificate is accepted
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';

const execFileP = promisify(execFile);
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

// extension/sites.js is a classic script defining one global; evaluating it here gives the
// tests the same table the extension reads, so the two cannot drift apart.
await import(pathToFileURL(path.join(ROOT, 'extension/sites.js')).href);
export const { SITES } = globalThis.sendwiseSites;

export function siteOf(id) {
  const site = globalThis.sendwiseSites.byId(id);
  if (!site) throw new Error(`no site ${id} in extension/sites.js`);
  return site;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};
const typeOf = (file) => TYPES[path.extname(file)] ?? 'application/octet-stream';

export function fixtureFile(site, pathname, { fixtures = {} } = {}) {
  let rel = decodeURIComponent(pathname);
  // /_common/… is the behaviour every social fixture shares (tests/fixtures/common/).
  const common = rel.startsWith('/_common/');
  if (common) rel = rel.slice('/_common'.length);
  const dir = path.join(FIXTURES, common ? 'common' : (fixtures[site.id] ?? site.id));
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(dir, '.' + rel);
  return file.startsWith(dir + path.sep) ? file : null;
}

async function answer(site, pathname, options) {
  const file = fixtureFile(site, pathname, options);
  try {
    if (file) return { status: 200, type: typeOf(file), body: await fs.readFile(file) };
  } catch {
    // fall through to 404
  }
  return { status: 404, type: 'text/plain', body: Buffer.from('not found') };
}

const chosen = (sites) => (sites ? sites.map(siteOf) : SITES);

/** Answer every request to the sites' hosts from tests/fixtures/ (Chromium, Playwright). */
export async function routeSites(context, { fixtures = {}, sites } = {}) {
  const served = [];
  const routes = [];
  for (const site of chosen(sites)) {
    for (const host of site.hosts) {
      const pattern = `https://${host}/**`;
      const handler = async (route) => {
        const url = new URL(route.request().url());
        const { status, type, body } = await answer(site, url.pathname, { fixtures });
        served.push(url.href);
        await route.fulfill({ status, contentType: type, body, headers: { 'cache-control': 'no-store' } });
      };
      await context.route(pattern, handler);
      routes.push([pattern, handler]);
    }
  }
  return {
    served,
    unroute: () => Promise.all(routes.map(([p, h]) => context.unroute(p, h))),
  };
}

/** A self-signed certificate for the given host names; resolves to { key, cert }. */
export async function selfSignedCert(hosts) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    await execFileP('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-subj', '/CN=sendwise test sites',
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
      '-keyout', keyFile, '-out', certFile,
    ]);
    return { key: await fs.readFile(keyFile), cert: await fs.readFile(certFile) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A local HTTPS server answering for every site host (Firefox, Selenium). */
export async function startSiteServer({ fixtures = {}, sites, port = 0 } = {}) {
  const list = chosen(sites);
  const byHost = new Map(list.flatMap((s) => s.hosts.map((h) => [h, s])));
  const { key, cert } = await selfSignedCert([...byHost.keys()]);
  const served = [];
  const server = https.createServer({ key, cert }, async (req, res) => {
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const site = byHost.get(host);
    if (!site) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end(`not a site host: ${host}`);
      return;
    }
    const url = new URL(req.url, `https://${host}`);
    served.push(url.href);
    const { status, type, body } = await answer(site, url.pathname, { fixtures });
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    port: actual,
    url: (host, pathname = '/') => `https://${host}:${actual}${pathname}`,
    prefs: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.trr.mode': 5,
      'network.stricttransportsecurity.preloadlist': false,
      'security.cert_pinning.enforcement_level': 0,
    },
    acceptInsecureCerts: true,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
