package dev.marcus.web;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.Principal;
import dev.marcus.core.model.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Decides whether an HTTP MCP request may reach the tools. */
interface McpAuthenticator {
    /** Request attribute holding the authenticated {@link Principal}. */
    String PRINCIPAL = "marcus.principal";

    Result authenticate(HttpServletRequest request);

    /** The verdict: allowed with a principal, or refused with a status (401/403) and a one-line message. */
    record Result(boolean allowed, Principal principal, int status, String message) {
        static Result allow(Principal principal) {
            return new Result(true, principal, 200, null);
        }

        static Result refuse(int status, String message) {
            return new Result(false, null, status, message);
        }
    }

    /** No token needed: solo Marcus on 127.0.0.1. */
    static McpAuthenticator open() {
        return request -> Result.allow(null);
    }

    /** One shared bearer token (e.g. {@code MARCUS_MCP_TOKEN}), compared in constant time. */
    static McpAuthenticator sharedToken(String token) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return request -> {
            String bearer = AccountAccess.bearer(request.getHeader("Authorization"));
            if (bearer == null) {
                return Result.refuse(401, "authentication required: send 'Authorization: Bearer <token>'");
            }
            byte[] given = bearer.getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, given) ? Result.allow(new Principal("token:shared", null, Role.ADMIN, null))
                    : Result.refuse(401, "the bearer token is not valid");
        };
    }

    /**
     * API tokens of the accounts (scoped to a project, with a role); the shared token, when configured, still works
     * as an unscoped admin (for automation that predates accounts).
     */
    static McpAuthenticator accounts(AccountService accounts, String sharedToken) {
        McpAuthenticator shared = sharedToken == null ? null : sharedToken(sharedToken);
        return request -> {
            String token = AccountAccess.bearer(request.getHeader("Authorization"));
            if (token == null) {
                return Result.refuse(401, "authentication required: send 'Authorization: Bearer <API token>' "
                        + "(make one on the dashboard's Admin page or with 'marcus token create')");
            }
            if (token.startsWith(AccountService.TOKEN_PREFIX)) {
                return accounts.tokenPrincipal(token).map(Result::allow)
                        .orElseGet(() -> Result.refuse(401, "the API token is not valid or was revoked"));
            }
            return shared != null ? shared.authenticate(request) : Result.refuse(401, "the API token is not valid");
        };
    }
}
