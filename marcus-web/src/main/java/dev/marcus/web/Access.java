package dev.marcus.web;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import io.javalin.http.Context;
import java.util.function.Predicate;

/**
 * Who may do what: every endpoint asks before acting. Solo Marcus on 127.0.0.1 uses {@link #open()} (no login);
 * with accounts on, {@link AccountAccess} signs people in and enforces roles and token scopes, without touching the
 * handlers.
 */
interface Access {

    /**
     * Runs before every {@code /api} handler: establishes who is calling and refuses (401) anonymous requests to
     * anything but the public endpoints (sign-in, session, OpenAPI) when accounts are on.
     */
    default void authenticate(Context ctx) {
    }

    /**
     * Refuses (401 when nobody is signed in, 403 for a too-weak role or a project outside the caller's scope).
     *
     * @param project the project the request acts on, or {@code null} for installation-wide requests
     */
    void require(Context ctx, Role role, ProjectId project);

    /** Whether the caller may see this project at all (lists skip the others). */
    boolean canSee(Context ctx, ProjectId project);

    /** Records a mutation: who did what to which object, before and after. */
    void audit(Context ctx, String action, String target, String before, String after);

    /** The role the caller acts with, for the dashboard to hide what it may not do. */
    Role roleOf(Context ctx);

    /**
     * Which projects' events a live-feed connection may receive, from its session cookie and {@code Authorization}
     * header; {@code null} when it may not connect at all.
     */
    default Predicate<ProjectId> feedScope(String sessionCookie, String authorization) {
        return p -> true;
    }

    /** Whether people sign in here. */
    default boolean accountsOn() {
        return false;
    }

    /** Everybody may do everything: solo Marcus listening on the loopback interface only. */
    static Access open() {
        return new Access() {
            @Override
            public void require(Context ctx, Role role, ProjectId project) {
            }

            @Override
            public boolean canSee(Context ctx, ProjectId project) {
                return true;
            }

            @Override
            public void audit(Context ctx, String action, String target, String before, String after) {
            }

            @Override
            public Role roleOf(Context ctx) {
                return Role.ADMIN;
            }
        };
    }

    /** Everybody may look, nobody may change anything: a dashboard shared for watching ({@code serve --read-only}). */
    static Access readOnly() {
        return new Access() {
            @Override
            public void require(Context ctx, Role role, ProjectId project) {
                if (role != Role.VIEWER) {
                    throw new WebException(403, "forbidden", "this dashboard is read-only: viewers cannot change anything");
                }
            }

            @Override
            public boolean canSee(Context ctx, ProjectId project) {
                return true;
            }

            @Override
            public void audit(Context ctx, String action, String target, String before, String after) {
            }

            @Override
            public Role roleOf(Context ctx) {
                return Role.VIEWER;
            }
        };
    }
}
