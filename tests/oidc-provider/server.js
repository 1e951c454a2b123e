// A real OpenID Connect provider for ChatOpsIR's sign-in tests: oidc-provider with its built-in development
// interactions (a login form where any account id and any password work). Not for production use.
//
//   node server.js --port 4010 --issuer http://127.0.0.1:4010 \
//     --client-id chatopsir --client-secret s3cret --redirect-uri http://127.0.0.1:5080/signin-oidc
//
// Every option can also come from the environment (OIDC_PORT, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URI, OIDC_GROUPS). The account id typed at the login form is the subject. An id "alice" gets an ID
// token with name "Alice", email alice@example.test and groups (OIDC_GROUPS, comma-separated); an id
// "alice@contoso" also carries the tenant claim tid "contoso", as Microsoft Entra ID sends it.
import crypto from "node:crypto";
import Provider from "oidc-provider";

function option(name, envName, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0 && index + 1 < process.argv.length) return process.argv[index + 1];
  return process.env[envName] ?? fallback;
}

const port = Number(option("port", "OIDC_PORT", "4010"));
const issuer = option("issuer", "OIDC_ISSUER", `http://127.0.0.1:${port}`);
const clientId = option("client-id", "OIDC_CLIENT_ID", "chatopsir");
const clientSecret = option("client-secret", "OIDC_CLIENT_SECRET", "chatopsir-test-secret");
const redirectUri = option("redirect-uri", "OIDC_REDIRECT_URI", "http://127.0.0.1:5080/signin-oidc");
const groups = option("groups", "OIDC_GROUPS", "responders").split(",").map((g) => g.trim()).filter(Boolean);

function claimsOf(id) {
  const [person, tenant] = id.split("@", 2);
  const claims = {
    sub: id,
    name: person.charAt(0).toUpperCase() + person.slice(1),
    email: `${person}@${tenant || "example"}.test`,
    groups,
  };
  if (tenant) claims.tid = tenant;
  return claims;
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  claims: { openid: ["sub", "tid"], profile: ["name"], email: ["email"], groups: ["groups"] },
  scopes: ["openid", "profile", "email", "groups"],
  // The claims of the scopes asked for go into the ID token itself, as Entra ID, Google and Keycloak do.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return claimsOf(id); } };
  },
  // A first-party client: the login is the only prompt, no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid profile email groups");
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
});

// Development keys and http on loopback make the provider warn; the tests read only the line below.
provider.on("server_error", (_ctx, error) => console.error(`server_error: ${error.message}`));
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening at ${issuer}`));
