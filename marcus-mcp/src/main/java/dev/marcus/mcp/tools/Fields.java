package dev.marcus.mcp.tools;

import dev.marcus.core.model.Ids;

/** Descriptions of parameters shared by several tools, so they read the same everywhere. */
final class Fields {
    static final int ID = Ids.MAX_LENGTH;
    static final String AGENT_ID = "Your agent id, as registered with register_agent";
    static final String TASK_ID = "The task id, e.g. task-8k2m4q7z9x1c";
    static final String PROJECT_ID = "A project id from list_projects; the active project when omitted";

    private Fields() {
    }
}
