package dev.marcus.core.service;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creating projects and tasks, choosing the active project, and project status. */
@Singleton
public final class ProjectService {
    private final StorageBackend storage;
    private final ProjectPlanner planner;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;
    private final ProjectViewCache views;

    @Inject
    public ProjectService(StorageBackend storage, ProjectPlanner planner, Clock clock, Limits limits, EventRelay relay,
                          ProjectViewCache views) {
        this.storage = storage;
        this.planner = planner;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
        this.views = views;
    }

    /** Without a cache: every status is read from the store. */
    public ProjectService(StorageBackend storage, ProjectPlanner planner, Clock clock, Limits limits, EventRelay relay) {
        this(storage, planner, clock, limits, relay, ProjectViewCache.disabled());
    }

    /** What {@link #create} made. */
    public record CreatedProject(Project project, List<Task> tasks, List<String> phases, int dependencies,
                                 int recommendedAgents) {
    }

    /** Options of {@code create_project}; {@code projectRoot} may be {@code null}. */
    public record CreateOptions(String projectRoot) {
        public static final CreateOptions NONE = new CreateOptions(null);
    }

    /** Plans the description into a validated task graph and stores it as a new, active project. */
    public CreatedProject create(String name, String description, CreateOptions options) {
        String projectName = limits.name("project_name", name);
        String text = limits.text("description", description, limits.textChars() * 10);
        String root = normalizeRoot(options.projectRoot());
        for (Project p : storage.listProjects()) {
            if (p.name().equalsIgnoreCase(projectName)) {
                throw new ValidationException("project_name", "a project named '" + p.name() + "' already exists (id "
                        + p.id() + "); choose another name or add tasks to it with add_task");
            }
        }
        ProjectPlan plan = planner.plan(text);
        if (plan.tasks().size() > limits.tasksPerCall()) {
            throw new ValidationException("description", "describes " + plan.tasks().size() + " tasks; at most "
                    + limits.tasksPerCall() + " can be created in one call");
        }
        Map<String, TaskId> ids = new HashMap<>();
        for (PlannedTask t : plan.tasks()) {
            ids.put(t.key(), new TaskId(Ids.random("task")));
        }
        List<NewTask> tasks = new ArrayList<>();
        int deps = 0;
        for (PlannedTask t : plan.tasks()) {
            List<TaskId> d = new ArrayList<>();
            for (String key : t.dependsOn()) {
                TaskId id = ids.get(key);
                if (id == null) {
                    throw new ValidationException("description", "task '" + t.name() + "' depends on an unknown task '" + key + "'");
                }
                d.add(id);
            }
            deps += d.size();
            tasks.add(new NewTask(ids.get(t.key()), limits.name("task name", t.name()), limits.text("description", t.description()),
                    t.priority(), t.labels(), d, List.of(), t.estimatedHours(), t.acceptanceCriteria(), null));
        }
        new GraphRules("description").check(List.of(), tasks);
        var now = clock.now();
        Project project = storage.createProject(
                new NewProject(new ProjectId(Ids.random("proj")), projectName, text, root), tasks, now);
        storage.setActiveProject(project.id(), now);
        relay.poke();
        List<Task> stored = storage.listTasks(project.id());
        return new CreatedProject(project, stored, plan.features(), deps, recommendedAgents(stored));
    }

    /** Peak parallelism of the graph (widest level of the dependency order), between 1 and 8. */
    static int recommendedAgents(List<Task> tasks) {
        TaskGraph graph = new TaskGraph(tasks);
        Map<TaskId, Integer> level = new HashMap<>();
        Map<Integer, Integer> width = new HashMap<>();
        for (TaskId id : graph.topologicalOrder()) {
            Task t = graph.task(id).orElseThrow();
            int l = 0;
            for (TaskId dep : t.dependencies()) {
                l = Math.max(l, level.getOrDefault(dep, -1) + 1);
            }
            level.put(id, l);
            if (!t.isParent()) {
                width.merge(l, 1, Integer::sum);
            }
        }
        int peak = width.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return Math.max(1, Math.min(8, peak));
    }

    /** What {@code add_task} asks for. */
    public record AddTask(String projectId, String name, String description, String priority, List<String> labels,
                          List<String> dependencies, List<String> blocks, Double estimatedHours,
                          List<String> acceptanceCriteria, String parentTaskId) {
    }

    /** Adds one task; dependencies are judged inside the store's transaction (no cycle, all exist). */
    public Task addTask(AddTask cmd) {
        Project project = resolve(cmd.projectId());
        String name = limits.name("name", cmd.name());
        String description = limits.text("description", cmd.description());
        Priority priority = cmd.priority() == null ? Priority.MEDIUM : Priority.parse("priority", cmd.priority());
        if (cmd.estimatedHours() != null && (cmd.estimatedHours() < 0 || cmd.estimatedHours() > 10_000
                || cmd.estimatedHours().isNaN())) {
            throw new ValidationException("estimated_hours", "must be between 0 and 10000");
        }
        List<String> labels = cleanList("labels", cmd.labels());
        List<String> criteria = new ArrayList<>();
        for (String c : limits.list("acceptance_criteria", cmd.acceptanceCriteria())) {
            String v = limits.text("acceptance_criteria", c, 2_000);
            if (!v.isEmpty()) {
                criteria.add(v);
            }
        }
        Set<TaskId> deps = new LinkedHashSet<>(ids("dependencies", cmd.dependencies()));
        TaskId parent = cmd.parentTaskId() == null || cmd.parentTaskId().isBlank() ? null
                : TaskId.parse("parent_task_id", cmd.parentTaskId());
        if (parent != null) {
            // a subtask waits for what its parent waits for
            Task p = storage.findTask(parent).filter(t -> t.projectId().equals(project.id()))
                    .orElseThrow(() -> new ValidationException("parent_task_id",
                            "task '" + cmd.parentTaskId() + "' does not exist in project " + project.id()));
            deps.addAll(p.dependencies());
        }
        NewTask task = new NewTask(new TaskId(Ids.random("task")), name, description, priority, labels,
                List.copyOf(deps), ids("blocks", cmd.blocks()), cmd.estimatedHours(), criteria, parent);
        List<Task> added = storage.addTasks(project.id(), List.of(task), new GraphRules("dependencies"), clock.now());
        relay.poke();
        return added.get(0);
    }

    private List<TaskId> ids(String field, List<String> raw) {
        List<TaskId> out = new ArrayList<>();
        for (String s : limits.list(field, raw)) {
            out.add(TaskId.parse(field, s));
        }
        return out;
    }

    private List<String> cleanList(String field, List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : limits.list(field, raw)) {
            String v = limits.text(field, s, 100).toLowerCase(Locale.ROOT);
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static String normalizeRoot(String root) {
        if (root == null || root.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(root.strip());
            if (!p.isAbsolute()) {
                throw new ValidationException("project_root", "must be an absolute path, got '" + root + "'");
            }
            return p.normalize().toString();
        } catch (InvalidPathException e) {
            throw new ValidationException("project_root", "is not a valid path: " + e.getReason());
        }
    }

    public List<Project> list() {
        return storage.listProjects();
    }

    /** The project with this id, or the active one when {@code projectId} is null or blank. */
    public Project resolve(String projectId) {
        if (projectId == null || projectId.isBlank()) {
            return current().orElseThrow(() -> new ValidationException("project_id",
                    "no project is selected; pass project_id or call select_project (list_projects shows them)"));
        }
        ProjectId id = ProjectId.parse("project_id", projectId);
        return storage.findProject(id).orElseThrow(() -> new NotFoundException("project_id",
                "project '" + projectId + "' does not exist; list_projects shows the projects"));
    }

    public Optional<Project> current() {
        return storage.activeProject().flatMap(storage::findProject);
    }

    /** Makes a project active, found by id or else by name (case-insensitive). */
    public Project select(String projectId, String name) {
        Project project;
        if (projectId != null && !projectId.isBlank()) {
            project = resolve(projectId);
        } else if (name != null && !name.isBlank()) {
            project = storage.listProjects().stream()
                    .filter(p -> p.name().equalsIgnoreCase(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("project_name",
                            "no project is named '" + name.strip() + "'; list_projects shows the projects"));
        } else {
            throw new ValidationException("project_id", "pass project_id or project_name");
        }
        storage.setActiveProject(project.id(), clock.now());
        relay.poke();
        return project;
    }

    /** Totals of a project, as {@code get_project_status} reports them. */
    public record ProjectStatus(Project project, TaskCounts counts, int workersTotal, int workersActive) {
        public int workersAvailable() {
            return workersTotal - workersActive;
        }
    }

    /**
     * The project's totals, from the view cache when it holds them: any change to the project (an event) replaces the
     * cached value, and this process's own changes do so before the method that made them returns.
     */
    public ProjectStatus status(String projectId) {
        Project project = resolve(projectId);
        return views.read(project.id(), "status", ProjectStatus.class, () -> computeStatus(project));
    }

    private ProjectStatus computeStatus(Project project) {
        List<Agent> agents = storage.listAgents(project.id());
        int active = (int) agents.stream().filter(a -> a.currentTask() != null).count();
        return new ProjectStatus(project, storage.countTasks(project.id()), agents.size(), active);
    }

    public List<Task> tasks(String projectId) {
        return storage.listTasks(resolve(projectId).id());
    }
}
