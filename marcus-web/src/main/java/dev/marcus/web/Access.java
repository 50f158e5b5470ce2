package dev.marcus.web;

import dev.marcus.core.model.ProjectId;
import io.javalin.http.Context;

/**
 * Who may do what: every endpoint asks before acting. Solo Marcus on 127.0.0.1 uses {@link #open()} (no login);
 * an accounts implementation plugs in here without touching the handlers.
 */
interface Access {

    /** Roles in increasing power. */
    enum Role {
        VIEWER, DEVELOPER, ADMIN
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
