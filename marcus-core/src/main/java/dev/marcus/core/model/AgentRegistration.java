package dev.marcus.core.model;

import java.util.List;

/** What an agent says about itself when it registers. */
public record AgentRegistration(AgentId id, ProjectId projectId, String name, String role, List<String> skills) {
    public AgentRegistration {
        skills = List.copyOf(skills);
    }
}
