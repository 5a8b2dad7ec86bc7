// A local OpenID Connect provider for the sign-in tests: it stands in for HelseID
// (staff) and ID-porten (patients). Test-only, never deployed, loopback only.
//
// Configuration comes as JSON in FORLOP_IDP_CONFIG:
//   {"port": 4100,
//    "clients": [{"client_id": "helseid", "client_secret": "...",
//                 "redirect_uris": ["http://127.0.0.1:8000/..."]}],
//    "accounts": {"lege": {"helseid://claims/hpr/hpr_number": "..."},
//                 "pasient": {"pid": "..."}}}
// Every account is synthetic (Test-Norge numbers, made-up HPR numbers). The login
// page is oidc-provider's development interaction: the login name is the account
// id and any password is accepted.
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.FORLOP_IDP_CONFIG);
const issuer = `http://127.0.0.1:${config.port}`;
const HPR = 'helseid://claims/hpr/hpr_number';

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  // PKCE is required of every client, S256 only: the relying party must send it.
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'helseid://scopes/identity/hpr_number'],
  claims: {
    openid: ['sub', 'pid'],
    profile: ['name'],
    'helseid://scopes/identity/hpr_number': [HPR],
  },
  // Like ID-porten and HelseID, put the identity claims in the ID token itself.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: `sub-${id}`, ...claims }) };
  },
  // First-party clients: grant what they ask for without a consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['forlop-test-idp-only'] },
});

provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`test IdP listening on ${issuer}\n`);
});
