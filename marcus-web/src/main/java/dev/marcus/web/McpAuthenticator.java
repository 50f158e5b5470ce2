package dev.marcus.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Decides whether an HTTP MCP request may reach the tools. */
interface McpAuthenticator {
    /** Request attribute holding the authenticated principal's name. */
    String PRINCIPAL = "marcus.principal";

    Result authenticate(HttpServletRequest request);

    /** The verdict: allowed with a principal, or refused with a status (401/403) and a one-line message. */
    record Result(boolean allowed, String principal, int status, String message) {
        static Result allow(String principal) {
            return new Result(true, principal, 200, null);
        }

        static Result refuse(int status, String message) {
            return new Result(false, null, status, message);
        }
    }

    /** No token needed: solo Marcus on 127.0.0.1. */
    static McpAuthenticator open() {
        return request -> Result.allow("local");
    }

    /** One shared bearer token (e.g. {@code MARCUS_MCP_TOKEN}), compared in constant time. */
    static McpAuthenticator sharedToken(String token) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Result.refuse(401, "authentication required: send 'Authorization: Bearer <token>'");
            }
            byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, given) ? Result.allow("token")
                    : Result.refuse(401, "the bearer token is not valid");
        };
    }
}
