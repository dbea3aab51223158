// An independent, certified OpenID provider (npm `oidc-provider`) for the browser tests: proof
// that SIISL signs in against a standard provider with the same code it uses for SPID and CIE.
// It signs in one fixed test person at once (no login form): the provider's own code does
// everything else (discovery, PKCE, RS256 ID tokens, userinfo, logout).
import http from 'node:http';
import Provider from 'oidc-provider';

const SPID_L2 = 'https://www.spid.gov.it/SpidL2';
const CF_CLAIM = 'https://attributes.eid.gov.it/fiscal_number';

export const TEST_PERSON = {
  sub: 'e2e-giulia',
  given_name: 'Giulia',
  family_name: 'Verdi',
  codice_fiscale: 'VRDGLI85E55F205W',
};

export function startProvider({ port, appUrl }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'siisl-e2e',
        client_secret: 'e2e-secret',
        redirect_uris: [`${appUrl}/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/`],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    acrValues: [SPID_L2],
    claims: {
      openid: ['sub', CF_CLAIM],
      profile: ['given_name', 'family_name'],
    },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        given_name: TEST_PERSON.given_name,
        family_name: TEST_PERSON.family_name,
        [CF_CLAIM]: `TINIT-${TEST_PERSON.codice_fiscale}`,
      }),
    }),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.proxy = false;

  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    if (!req.url.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const { prompt, params, session } = details;
      if (prompt.name === 'login') {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: TEST_PERSON.sub, acr: SPID_L2 } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// Run directly: `node end2end/support/oidc-provider.mjs` (Playwright starts it this way).
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.OP_PORT ?? 3300);
  const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:3100';
  await startProvider({ port, appUrl });
  console.log(`oidc-provider listening on http://127.0.0.1:${port}`);
}
