package dev.marcus.mcp;

import dev.marcus.core.account.Principal;
import java.util.Map;

/**
 * Stands in front of every tool call that arrives with a {@link Principal} (MCP over HTTP with accounts): decides
 * whether the caller may make it, may narrow its arguments (a token's project fills an omitted {@code project_id}),
 * and hears about the calls that changed something, for the audit trail. Calls without a principal (stdio, solo
 * HTTP) are not guarded.
 */
public interface ToolGuard {

    /**
     * Checks the call; returns the arguments to run it with.
     *
     * @throws dev.marcus.core.error.AccessDeniedException when the caller may not make this call
     */
    Map<String, Object> admit(MarcusTool tool, Map<String, Object> arguments, Principal caller);

    /** Called after a successful call that needs more than the viewer role (a change). */
    void changed(MarcusTool tool, Map<String, Object> arguments, Principal caller, Map<String, Object> result);

    /** Lets every call through and records nothing. */
    ToolGuard NONE = new ToolGuard() {
        @Override
        public Map<String, Object> admit(MarcusTool tool, Map<String, Object> arguments, Principal caller) {
            return arguments;
        }

        @Override
        public void changed(MarcusTool tool, Map<String, Object> arguments, Principal caller, Map<String, Object> result) {
        }
    };
}
