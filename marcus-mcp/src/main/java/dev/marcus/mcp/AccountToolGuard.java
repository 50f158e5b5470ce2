package dev.marcus.mcp;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.Principal;
import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import dev.marcus.core.model.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ToolGuard} of installations with accounts: the caller's role must reach the tool's
 * {@link ToolAccess.Rule}; a token scoped to one project may only call project tools, only for its project (whatever
 * {@code project_id}, {@code project_name}, {@code task_id} or {@code agent_id} it passes), and an omitted
 * {@code project_id} means its project rather than the installation's active one. Every call that changes something
 * is written to the audit trail with its arguments.
 */
public final class AccountToolGuard implements ToolGuard {
    private final StorageBackend storage;
    private final AccountService accounts;

    public AccountToolGuard(StorageBackend storage, AccountService accounts) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    @Override
    public Map<String, Object> admit(MarcusTool tool, Map<String, Object> arguments, Principal caller) {
        ToolAccess.Rule rule = ToolAccess.of(tool.name());
        AccountService.requireRole(caller, rule.role());
        if (!caller.role().includes(Role.ADMIN)) {
            serverSideEffects(tool, arguments);
        }
        ProjectId scope = caller.scope();
        if (scope == null || rule.reach() == ToolAccess.Reach.NONE) {
            return arguments;
        }
        if (rule.reach() == ToolAccess.Reach.INSTALLATION) {
            throw forbidden(tool.name() + " acts on the whole installation; this token works on project "
                    + scope.value() + " only");
        }
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        Object projectId = args.get("project_id");
        if (projectId instanceof String s && !s.isBlank()) {
            if (!s.strip().equals(scope.value())) {
                throw forbidden("project_id: this token works on project " + scope.value() + " only");
            }
        } else if (tool.schema().properties().containsKey("project_id")) {
            args.put("project_id", scope.value());
        }
        if (args.get("project_name") instanceof String name && !name.isBlank()) {
            boolean ours = storage.findProject(scope).map(Project::name).filter(n -> n.equalsIgnoreCase(name.strip()))
                    .isPresent();
            if (!ours) {
                throw forbidden("project_name: this token works on project " + scope.value() + " only");
            }
        }
        if (args.get("task_id") instanceof String taskId) {
            task(taskId).filter(t -> !t.projectId().equals(scope)).ifPresent(t -> {
                throw forbidden("task_id: task " + taskId + " belongs to another project than this token's");
            });
        }
        if (args.get("agent_id") instanceof String agentId) {
            agent(agentId).filter(a -> a.projectId() != null && !a.projectId().equals(scope)).ifPresent(a -> {
                throw forbidden("agent_id: agent " + agentId + " works on another project than this token's");
            });
        }
        return args;
    }

    /**
     * What reaches the server's own disk and processes is for admins: choosing a project's root directory (where
     * artifacts are written), and verification commands (which completion gates run on the server). Below admin, an
     * artifact may only be written under a root an admin has set for the task's project.
     */
    private void serverSideEffects(MarcusTool tool, Map<String, Object> args) {
        boolean rootGiven = !"log_artifact".equals(tool.name()) && nonBlank(args.get("project_root"));
        for (String holder : List.of("config", "options")) {
            if (args.get(holder) instanceof Map<?, ?> nested && nonBlank(nested.get("project_root"))) {
                rootGiven = true;
            }
        }
        if (rootGiven) {
            throw forbidden("project_root: choosing a directory on the server needs the admin role");
        }
        if (args.get("verification_commands") instanceof List<?> commands && !commands.isEmpty()) {
            throw forbidden("verification_commands: commands run on the server, which needs the admin role; "
                    + "run this agent over stdio on its own machine, or complete the task without them");
        }
        if ("log_artifact".equals(tool.name()) && args.get("task_id") instanceof String taskId) {
            task(taskId).flatMap(t -> storage.findProject(t.projectId())).filter(p -> p.projectRoot() == null)
                    .ifPresent(p -> {
                        throw forbidden("project_root: project " + p.id().value() + " has no root directory set by an "
                                + "admin, so artifacts cannot be written on the server (update_project config.project_root)");
                    });
        }
    }

    private static boolean nonBlank(Object value) {
        return value instanceof String s && !s.isBlank();
    }

    @Override
    public void changed(MarcusTool tool, Map<String, Object> arguments, Principal caller, Map<String, Object> result) {
        String target = first(arguments, "task_id", "agent_id", "project_id", "project_name");
        ProjectId project = caller.scope();
        if (project == null && arguments.get("project_id") instanceof String p) {
            try {
                project = new ProjectId(p.strip());
            } catch (ValidationException e) {
                project = null;
            }
        }
        accounts.audit(caller, "mcp." + tool.name(), target, project, null, json(arguments));
    }

    private Optional<Task> task(String id) {
        try {
            return storage.findTask(new TaskId(id.strip()));
        } catch (ValidationException e) {
            return Optional.empty(); // the tool reports the malformed id itself
        }
    }

    private Optional<Agent> agent(String id) {
        try {
            return storage.findAgent(new AgentId(id.strip()));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static String first(Map<String, Object> args, String... keys) {
        for (String k : keys) {
            if (args.get(k) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static String json(Map<String, Object> args) {
        try {
            return McpJsonDefaults.getMapper().writeValueAsString(args);
        } catch (IOException | RuntimeException e) {
            return String.valueOf(args);
        }
    }

    private static AccessDeniedException forbidden(String message) {
        return new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN, message);
    }
}
