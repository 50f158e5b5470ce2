package dev.marcus.web;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.AccountToolGuard;
import dev.marcus.mcp.MarcusMcpServer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wires a {@link MarcusWebApp} from the core services (the same ones the MCP tools use):
 * <pre>{@code
 * MarcusWebApp app = MarcusWeb.builder(storage, bus, projects, agents, progress, context)
 *         .mcp(mcpServer).mcpToken(token).build().start("127.0.0.1", 5000);
 * }</pre>
 */
public final class MarcusWeb {
    private MarcusWeb() {
    }

    /** How long the session cookie lives in the browser (the server's session lifetime decides validity). */
    static final long SESSION_COOKIE_SECONDS = 12 * 3600;

    public static Builder builder(StorageBackend storage, EventBus bus, ProjectService projects, AgentService agents,
                                  ProgressService progress, ContextService context) {
        return new Builder(storage, bus, projects, agents, progress, context);
    }

    /** Collects the services and options; {@link #build()} makes the app (not yet listening). */
    public static final class Builder {
        private final StorageBackend storage;
        private final EventBus bus;
        private final ProjectService projects;
        private final AgentService agents;
        private final ProgressService progress;
        private final ContextService context;
        private MarcusMcpServer mcp;
        private String mcpToken;
        private boolean readOnly;
        private AccountService accounts;
        private WebOperations operations;
        private final Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));

        private Builder(StorageBackend storage, EventBus bus, ProjectService projects, AgentService agents,
                        ProgressService progress, ContextService context) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.bus = Objects.requireNonNull(bus, "bus");
            this.projects = Objects.requireNonNull(projects, "projects");
            this.agents = Objects.requireNonNull(agents, "agents");
            this.progress = Objects.requireNonNull(progress, "progress");
            this.context = Objects.requireNonNull(context, "context");
        }

        /** Serves these MCP tools at {@code /mcp} (no MCP endpoint without it). */
        public Builder mcp(MarcusMcpServer server) {
            this.mcp = server;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on {@code /mcp}; {@code null} or blank for none. */
        public Builder mcpToken(String token) {
            this.mcpToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * Turns accounts on: people sign in (session cookie + CSRF token), agents send API tokens to {@code /mcp}
         * and the API, roles and token scopes are enforced on every endpoint and tool, and every change is audited.
         */
        public Builder accounts(AccountService accounts) {
            this.accounts = accounts;
            return this;
        }

        /** Serves the dashboard and API to viewers only: every change is refused with 403. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Serves {@code /metrics}, the job and webhook endpoints and the GitHub webhook (see {@link WebOperations}). */
        public Builder operations(WebOperations operations) {
            this.operations = operations;
            return this;
        }

        /** Another host name clients may use in {@code Host}/{@code Origin} (e.g. the machine's name). */
        public Builder allowHost(String host) {
            hosts.add(host.toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        public MarcusWebApp build() {
            if (accounts != null && readOnly) {
                throw new IllegalStateException("read-only and accounts do not go together: with accounts, give people "
                        + "the viewer role instead");
            }
            Access access = accounts != null ? new AccountAccess(accounts) : readOnly ? Access.readOnly() : Access.open();
            List<ApiRoutes> api = List.of(
                    new ProjectsApi(projects, agents, storage, access),
                    new TasksApi(projects, progress, context, access),
                    new AgentsApi(projects, agents, access),
                    new EventsApi(projects, storage, access),
                    new InsightsApi(projects, storage, access, dev.marcus.core.port.Clock.system()),
                    new SessionApi(access, accounts, SESSION_COOKIE_SECONDS),
                    new AccountsApi(accounts, access),
                    new JobsApi(operations, access),
                    new IntegrationsApi(operations, projects, access));
            McpAuthenticator mcpAuth = accounts != null ? McpAuthenticator.accounts(accounts, mcpToken)
                    : mcpToken == null ? McpAuthenticator.open() : McpAuthenticator.sharedToken(mcpToken);
            if (mcp != null && accounts != null) {
                mcp.guard(new AccountToolGuard(storage, accounts));
            }
            McpHttpEndpoint endpoint = mcp == null ? null : new McpHttpEndpoint(mcp, mcpAuth, Set.copyOf(hosts));
            return new MarcusWebApp(storage, access, api, new BoardSocket(bus, access), endpoint, operations);
        }
    }
}
