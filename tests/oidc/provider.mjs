// Test OpenID Provider mimicking FranceConnect v2 (PROFILE=fc) or ProConnect (PROFILE=pc), for
// the State sign-in tests (tests/api/state_sign_in.rs, end2end/tests/state-sign-in.spec.ts): a
// real provider (npm oidc-provider 8.x, in-memory adapter, loopback http only), never used in
// production.
// Usage: node provider.mjs [--port=0] [--profile=fc|pc] [--client-id=..] ...  (or the env vars below)
// Prints "READY <issuer>" on stdout once listening (port 0 = pick a free port).
import http from 'node:http';
import crypto from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const argv = Object.fromEntries(process.argv.slice(2).map((a) => {
  const [k, ...v] = a.replace(/^--/, '').split('=');
  return [k.toUpperCase().replaceAll('-', '_'), v.join('=')];
}));
const opt = (name, dflt) => argv[name] ?? process.env[name] ?? dflt;
const list = (s) => s.split(/[\s,]+/).filter(Boolean);

const PROFILE = opt('PROFILE', 'fc');
const PORT = Number(opt('PORT', 0));
const PREFIX = opt('ISSUER_PATH', ''); // e.g. "/api/v2" like the real services; '' = issuer at root
const CLIENT_ID = opt('CLIENT_ID', 'test-client');
const CLIENT_SECRET = opt('CLIENT_SECRET', 'test-secret-test-secret-test-secret');
const REDIRECT_URIS = list(opt('REDIRECT_URIS', 'http://127.0.0.1:8080/auth/callback'));
const POST_LOGOUT_URIS = list(opt('POST_LOGOUT_REDIRECT_URIS', 'http://127.0.0.1:8080/auth/logout-callback'));
const AUTH_METHOD = opt('TOKEN_AUTH_METHOD', 'client_secret_post'); // or client_secret_basic
const ALG = opt('ALG', PROFILE === 'pc' ? 'RS256' : 'ES256'); // id_token + userinfo JWT signature
const ACR = opt('ACR', 'eidas1');
const AUTO_LOGIN = opt('AUTO_LOGIN', ''); // account used when no ?as= / login_hint is given
const MIN_LEN = Number(opt('MIN_STATE_NONCE_LENGTH', 0)); // FC doc: 22 (GET) / 32; ProConnect doc: 32
const AUTO_LOGOUT_JS = opt('AUTO_LOGOUT_JS', '1') === '1'; // auto-submit logout confirm when JS is on
// Faults for the relying party's tests:
const ROGUE_JWKS = opt('ROGUE_JWKS', '0') === '1'; // publish other keys under the same kids (bad signatures)
const CLOCK_OFFSET = Number(opt('CLOCK_OFFSET', 0)); // seconds added to this provider's clock (-3600: tokens already expired)
const EXIT_WITH_STDIN = opt('EXIT_WITH_STDIN', '0') === '1'; // stop when the parent closes stdin (tests)

if (CLOCK_OFFSET) {
  const realNow = Date.now;
  Date.now = () => realNow() + CLOCK_OFFSET * 1000;
}

const PROFILES = {
  fc: {
    claims: ['given_name', 'family_name', 'email', 'birthdate', 'gender', 'preferred_username'],
    accounts: {
      alice: { given_name: 'Angela Claire Louise', family_name: 'DUBOIS', email: 'angela.dubois@example.test',
        birthdate: '1962-08-24', gender: 'female' },
      bob: { given_name: 'Jean', family_name: 'MARTIN', email: 'jean.martin@example.test',
        birthdate: '1980-01-31', gender: 'male' },
      claire: { given_name: 'Claire', family_name: 'ROUX', email: 'claire.roux@example.test',
        birthdate: '1975-06-12', gender: 'female' },
      // Names that try to leave text, attributes, <title> and <textarea> (hostile-data tests).
      mallory: { given_name: 'Mallory</title></textarea>"\'><img src=x id=xss-img onerror=alert(1)>',
        family_name: '<script id=xss-script>alert(2)</script>', email: 'mallory@example.test',
        birthdate: '1990-04-01', gender: 'female' },
    },
  },
  pc: {
    claims: ['given_name', 'usual_name', 'email', 'uid', 'siret', 'idp_id', 'phone', 'organizational_unit'],
    accounts: {
      agent: { given_name: 'Camille', usual_name: 'Lefèvre', email: 'camille.lefevre@interieur.gouv.fr',
        uid: 'a1b2c3', siret: '11000101300017', idp_id: 'fia1v2' },
      agent2: { given_name: 'Paul', usual_name: 'Durand', email: 'paul.durand@finances.gouv.fr',
        uid: 'd4e5f6', siret: '11000201100044', idp_id: 'fia1v2' },
    },
  },
};
const { claims: CLAIMS, accounts: ACCOUNTS } = PROFILES[PROFILE];

function genKey(type, alg) {
  const { privateKey } = type === 'ec'
    ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `${alg}-${crypto.randomUUID()}`, alg, use: 'sig' };
}

const requireParam = (name) => async (ctx, value) => {
  if (!value) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  if (value.length < MIN_LEN) throw new errors.InvalidRequest(`'${name}' must be at least ${MIN_LEN} chars`);
};

// Public keys of fresh key pairs carrying the given kids: a relying party that trusts them
// finds every signature wrong.
const rogueJwks = (keys) => JSON.stringify({ keys: keys.map(({ kid, alg }) => {
  const { d, p, q, dp, dq, qi, ...pub } = genKey(alg === 'ES256' ? 'ec' : 'rsa', alg);
  return { ...pub, kid };
}) });

const html = (title, body) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

let handler = (req, res) => { res.statusCode = 503; res.end(); }; // until the provider exists
const server = http.createServer((req, res) => handler(req, res));
await new Promise((resolve) => server.listen(PORT, '127.0.0.1', resolve));
const ISSUER = `http://127.0.0.1:${server.address().port}${PREFIX}`;

const KEYS = [genKey('ec', 'ES256'), genKey('rsa', 'RS256')];
const ROGUE = ROGUE_JWKS ? rogueJwks(KEYS) : null;

const provider = new Provider(ISSUER, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: REDIRECT_URIS,
    post_logout_redirect_uris: POST_LOGOUT_URIS,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: AUTH_METHOD,
    id_token_signed_response_alg: ALG,
    userinfo_signed_response_alg: ALG,
    default_acr_values: [ACR], // acr is only put in the ID token when requested; this requests it by default
  }],
  jwks: { keys: KEYS },
  // every claim is also a scope of the same name, as on FC/ProConnect ("scope=openid given_name email")
  claims: { openid: ['sub'], acr: null, amr: null, ...Object.fromEntries(CLAIMS.map((c) => [c, [c]])) },
  acrValues: [ACR],
  scopes: ['openid'],
  extraParams: { state: requireParam('state'), nonce: requireParam('nonce') },
  pkce: { required: () => false },
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
  cookies: {
    keys: [crypto.randomBytes(32).toString('hex')],
    long: { httpOnly: true, sameSite: 'lax' }, // default 'none' (+ a ".legacy" twin) needs https in Chromium
    short: { httpOnly: true, sameSite: 'lax' },
  },
  ttl: { AccessToken: 60, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    claimsParameter: { enabled: true }, // FC/PC accept claims={"id_token":{"amr":{"essential":true}}}
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) { // form = <form id="op.logoutForm" ...><input name="xsrf" ...></form>
        ctx.body = html('Déconnexion', `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>')}
<button type="submit" form="op.logoutForm" id="logout-confirm">Se déconnecter</button>
${AUTO_LOGOUT_JS ? '<script>document.getElementById("op.logoutForm").submit()</script>' : ''}`);
      },
      async postLogoutSuccessSource(ctx) { ctx.body = html('Déconnecté', '<p id="logged-out">Déconnecté</p>'); },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = html('Erreur', `<pre id="op-error">${esc(JSON.stringify(out, null, 2))}</pre>`);
  },
  async findAccount(ctx, sub) {
    if (!ACCOUNTS[sub]) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) };
  },
  interactions: { url: (ctx, interaction) => `${PREFIX}/interaction/${interaction.uid}` },
});

// The "login page": GET /interaction/:uid[?as=<account>|?deny=1]. Without a choice it renders a
// no-JS form (one button per test account + a "refuse" button) that submits back here with GET.
provider.use(async (ctx, next) => {
  const m = ctx.method === 'GET' && ctx.path.match(/^\/interaction\/([\w-]+)$/);
  if (!m) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res); // needs the _interaction cookie
  const { prompt, params, session } = details;
  if (ctx.query.deny !== undefined) {
    const url = await provider.interactionResult(ctx.req, ctx.res,
      { error: 'access_denied', error_description: 'User auth aborted' }, { mergeWithLastSubmission: false });
    return ctx.redirect(url);
  }
  const login = ctx.query.as || params.login_hint || AUTO_LOGIN;
  const accountId = prompt.name === 'login' ? login : session?.accountId;
  if (!accountId) {
    ctx.type = 'html';
    ctx.body = html('Connexion', `<form method="get" action="${PREFIX}/interaction/${m[1]}">
${Object.keys(ACCOUNTS).map((a) => `<button type="submit" name="as" value="${a}" id="login-${a}">${a}</button>`).join('\n')}
<button type="submit" name="deny" value="1" id="deny">Refuser</button></form>`);
    return undefined;
  }
  if (!ACCOUNTS[accountId]) ctx.throw(400, `unknown test account ${accountId}`);
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  if (params.claims) {
    const c = JSON.parse(params.claims);
    grant.addOIDCClaims([...Object.keys(c.id_token || {}), ...Object.keys(c.userinfo || {})]);
  }
  const grantId = await grant.save();
  const result = { consent: { grantId } };
  if (prompt.name === 'login') result.login = { accountId, acr: ACR, amr: ['pwd'] };
  const url = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  return ctx.redirect(url);
});

const callback = provider.callback();
handler = (req, res) => {
  if (req.url === '/favicon.ico') { res.statusCode = 204; res.end(); return; } // browsers ask; no 404 in their console
  if (ROGUE && req.method === 'GET' && req.url === `${PREFIX}/jwks`) {
    res.setHeader('content-type', 'application/jwk-set+json; charset=utf-8');
    res.end(ROGUE);
    return;
  }
  if (PREFIX) {
    if (!req.url.startsWith(`${PREFIX}/`) && req.url !== PREFIX) { res.statusCode = 404; res.end(); return; }
    req.originalUrl = req.url; // oidc-provider derives its mount path from originalUrl vs url
    req.url = req.url.slice(PREFIX.length) || '/';
  }
  callback(req, res);
};
provider.on('server_error', (ctx, err) => console.error('server_error', err));
for (const ev of ['grant.error', 'authorization.error', 'end_session.error', 'userinfo.error']) {
  provider.on(ev, (ctx, err) => console.error(ev, err.error, err.error_detail ?? err.error_description));
}
console.log(`READY ${ISSUER}`);
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
if (EXIT_WITH_STDIN) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
