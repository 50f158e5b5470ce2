package dev.marcus.core.service;

import dev.marcus.core.service.GraphRules;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.cache.ProjectViewCache;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Deployment;
import dev.marcus.core.graph.Schedule;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.planning.OfflinePlanner;
import dev.marcus.core.planning.OutlinePlanner;
import dev.marcus.core.planning.PlanValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskEdit;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.planning.Words;
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
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
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

    /** How long a repeated {@code create_project} (same name and description) returns the first result. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

    /**
     * What {@link #create} made.
     *
     * @param replayed true when this is the result of an identical earlier call, returned instead of a second project
     * @param warnings what the planner could not read for sure (a reference that names nothing, or two tasks), each
     *     with its line and what was done instead; the plan was stored without those dependencies
     */
    public record CreatedProject(Project project, List<Task> tasks, List<String> phases, int dependencies,
                                 int recommendedAgents, boolean replayed, List<String> warnings) {
        public CreatedProject {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Options of {@code create_project} and {@code create_tasks}; both may be {@code null}.
     *
     * @param planner a planner by name ({@code offline}, {@code outline} or the configured one), or null for the configured
     */
    public record CreateOptions(String projectRoot, String planner) {
        public static final CreateOptions NONE = new CreateOptions(null, null);

        public CreateOptions(String projectRoot) {
            this(projectRoot, null);
        }
    }

    /** Picks the planner a call asked for: the configured one by default, or a built-in offline one by name. */
    ProjectPlanner plannerFor(String name) {
        if (name == null || name.isBlank() || name.strip().equalsIgnoreCase(planner.name())) {
            return planner;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "offline" -> new OfflinePlanner();
            case "outline" -> new OutlinePlanner();
            default -> throw new ValidationException("options.planner", "'" + name + "' is not available; use offline, outline"
                    + (Set.of("offline", "outline").contains(planner.name()) ? "" : " or " + planner.name()));
        };
    }

    /** Plans with the chosen planner and validates the answer; nothing is written here. */
    private ProjectPlan planAndValidate(ProjectPlanner chosen, String field, String text) {
        ProjectPlan plan = PlanValidator.check(chosen.plan(text), chosen.name());
        if (plan.tasks().size() > limits.tasksPerCall()) {
            throw new ValidationException(field, "describes " + plan.tasks().size() + " tasks; at most "
                    + limits.tasksPerCall() + " can be created in one call");
        }
        return plan;
    }

    private Object lock(String key) {
        return locks.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new Object());
    }

    /**
     * Plans the description into a validated task graph and stores it as a new, active project. The same name and
     * description again within {@link #REPLAY_WINDOW} returns the first project (judged from the store, so it holds
     * across processes); calls for one name are serialized in this process.
     */
    public CreatedProject create(String name, String description, CreateOptions options) {
        return create(name, description, plannerFor(options.planner()), options.projectRoot());
    }

    /**
     * Like {@link #create(String, String, CreateOptions)} with a planner of the caller's own: an importer (JIRA) that
     * turns its source into a plan, checked and stored by the same rules as any planner's.
     */
    public CreatedProject create(String name, String description, ProjectPlanner chosen, String projectRoot) {
        String projectName = limits.name("project_name", name);
        String text = limits.text("description", description, limits.textChars() * 10);
        String root = normalizeRoot(projectRoot);
        synchronized (lock("name:" + projectName)) {
            for (Project p : list()) {
                if (p.name().equalsIgnoreCase(projectName)) {
                    if (p.description().equals(text) && !p.createdAt().plus(REPLAY_WINDOW).isBefore(clock.now())) {
                        return replay(p);
                    }
                    throw new ValidationException("project_name", "a project named '" + p.name() + "' already exists (id "
                            + p.id() + "); choose another name or add tasks to it with create_tasks or add_task");
                }
            }
            ProjectPlan plan = planAndValidate(chosen, "description", text);
            Planned planned = toNewTasks(plan, "description", Map.of());
            new GraphRules("description").check(List.of(), planned.tasks());
            Instant now = clock.now();
            Project project;
            try {
                project = storage.createProject(
                        new NewProject(new ProjectId(Ids.random("proj")), projectName, text, root), planned.tasks(), now);
            } catch (dev.marcus.core.error.ConflictException raced) {
                // another process created a project of this name between our check and our write: the store's
                // unique name decides; the same request is answered with the winner's result
                for (Project p : list()) {
                    if (p.name().equalsIgnoreCase(projectName)) {
                        if (p.description().equals(text)) {
                            return replay(p);
                        }
                        throw new ValidationException("project_name", "a project named '" + p.name()
                                + "' already exists (id " + p.id() + ")");
                    }
                }
                throw raced;
            }
            storage.setActiveProject(project.id(), now);
            recordPlan(project.id(), chosen, plan, now);
            relay.poke();
            List<Task> stored = storage.listTasks(project.id());
            return new CreatedProject(project, stored, plan.features(), planned.dependencies(), recommendedAgents(stored), false,
                    plan.warnings());
        }
    }

    private void recordPlan(ProjectId project, ProjectPlanner chosen, ProjectPlan plan, Instant now) {
        storage.appendEvent(new NewEvent(EventType.PROJECT_PLANNED, project, null, null, Map.of(
                "planner", chosen.name(), "tasks", String.valueOf(plan.tasks().size()),
                "phases", String.join("\n", plan.features()), "warnings", String.join("\n", plan.warnings()))), now);
    }

    /** The result of the call that created {@code p}, rebuilt from the store. */
    private CreatedProject replay(Project p) {
        List<Task> stored = storage.listTasks(p.id());
        List<String> phases = null;
        List<String> warnings = List.of();
        for (Event e : storage.eventsAfter(0, p.id(), stored.size() + 50)) {
            if (e.type() == EventType.PROJECT_PLANNED) {
                String joined = e.data().getOrDefault("phases", "");
                phases = joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
                String warned = e.data().getOrDefault("warnings", "");
                warnings = warned.isEmpty() ? List.of() : List.of(warned.split("\n"));
                break;
            }
        }
        if (phases == null) {
            Set<String> fromLabels = new LinkedHashSet<>();
            for (Task t : stored) {
                t.labels().stream().filter(l -> l.startsWith("feature:")).forEach(l -> fromLabels.add(l.substring(8)));
            }
            phases = List.copyOf(fromLabels);
        }
        int deps = stored.stream().mapToInt(t -> t.dependencies().size()).sum();
        return new CreatedProject(p, stored, phases, deps, recommendedAgents(stored), true, warnings);
    }

    private record Planned(List<NewTask> tasks, int dependencies) {
    }

    /** Gives planned tasks ids; {@code blocks} maps a planned key to existing tasks it must come before. */
    private Planned toNewTasks(ProjectPlan plan, String field, Map<String, List<TaskId>> blocks) {
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
                    throw new ValidationException(field, "task '" + t.name() + "' depends on an unknown task '" + key + "'");
                }
                d.add(id);
            }
            deps += d.size();
            tasks.add(new NewTask(ids.get(t.key()), limits.name("task name", t.name()), limits.text(field, t.description()),
                    t.priority(), cleanLabels(t.labels()), d, blocks.getOrDefault(t.key(), List.of()), t.estimatedHours(),
                    t.acceptanceCriteria(), null));
        }
        return new Planned(tasks, deps);
    }

    private List<String> cleanLabels(List<String> labels) {
        Set<String> out = new LinkedHashSet<>();
        for (String l : labels) {
            if (l != null && !l.isBlank()) {
                out.add(limits.text("labels", l.strip(), 100).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** What {@link #createTasks} and {@link #addFeature} added; {@code warnings} as in {@link CreatedProject}. */
    public record AddedTasks(Project project, List<Task> tasks, List<String> phases, int dependencies,
                             String integrationPoint, List<TaskId> linkedTo, List<TaskId> nowWaiting, List<String> warnings) {
        public AddedTasks {
            warnings = List.copyOf(warnings);
        }
    }

    /** {@code create_tasks}: plans the text onto an existing project (by name, else the active one). */
    public AddedTasks createTasks(String projectName, String description, CreateOptions options) {
        String text = limits.text("task_description", description, limits.textChars() * 10);
        if (text.isBlank()) {
            throw new ValidationException("task_description", "is required: describe the tasks in prose or as an outline");
        }
        Project project = byNameOrActive(projectName);
        ProjectPlanner chosen = plannerFor(options == null ? null : options.planner());
        synchronized (lock("id:" + project.id())) {
            ProjectPlan plan = planAndValidate(chosen, "task_description", text);
            refuseExistingNames(project, plan, "task_description");
            Planned planned = toNewTasks(plan, "task_description", Map.of());
            Instant now = clock.now();
            List<Task> added = storage.addTasks(project.id(), planned.tasks(), new GraphRules("task_description"), now);
            recordPlan(project.id(), chosen, plan, now);
            relay.poke();
            return new AddedTasks(project, added, plan.features(), planned.dependencies(), "none", List.of(), List.of(),
                    plan.warnings());
        }
    }

    /** Where {@code add_feature} wires a feature into the existing graph. */
    public enum IntegrationPoint {
        AUTO_DETECT, AFTER_CURRENT, PARALLEL, NEW_PHASE;

        public static IntegrationPoint parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return AUTO_DETECT;
            }
            try {
                return valueOf(raw.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("integration_point", "'" + raw
                        + "' is not one of auto_detect, after_current, parallel, new_phase");
            }
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code add_feature}: plans the feature and wires it into the active (or given) project. Its first tasks wait
     * for: related existing work ({@code auto_detect}: tasks sharing a subject word, else nothing), the tasks in
     * progress ({@code after_current}), nothing ({@code parallel}), or every unfinished end of the graph
     * ({@code new_phase}). In every mode, deployment tasks that have not started wait for the feature's last tasks.
     */
    public AddedTasks addFeature(String projectId, String featureDescription, String integrationPoint) {
        String text = limits.text("feature_description", featureDescription, limits.textChars() * 10);
        if (text.isBlank()) {
            throw new ValidationException("feature_description", "is required: describe the feature");
        }
        IntegrationPoint mode = IntegrationPoint.parse(integrationPoint);
        Project project = resolve(projectId);
        synchronized (lock("id:" + project.id())) {
            ProjectPlan plan = planAndValidate(planner, "feature_description", text);
            refuseExistingNames(project, plan, "feature_description");
            List<Task> existing = storage.listTasks(project.id());
            Set<String> hasDependents = new HashSet<>();
            Set<TaskId> existingDependedOn = new HashSet<>();
            for (PlannedTask t : plan.tasks()) {
                hasDependents.addAll(t.dependsOn());
            }
            for (Task t : existing) {
                if (!Deployment.isDeploymentLike(t)) { // deployment waits for everything; that does not make the rest "not an end"
                    existingDependedOn.addAll(t.dependencies());
                }
            }
            List<Task> open = existing.stream().filter(t -> !t.isDone() && !t.isParent()).toList();
            List<TaskId> upstream = switch (mode) {
                case PARALLEL -> List.of();
                case AFTER_CURRENT -> {
                    List<TaskId> current = open.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS).map(Task::id).toList();
                    yield current.isEmpty() ? openEnds(open, existingDependedOn) : current;
                }
                case NEW_PHASE -> openEnds(open, existingDependedOn);
                case AUTO_DETECT -> related(open, text);
            };
            List<TaskId> waiting = open.stream()
                    .filter(t -> Deployment.isDeploymentLike(t) && t.status() == TaskStatus.TODO && t.assignee() == null)
                    .map(Task::id).filter(id -> !upstream.contains(id)).toList();
            Map<String, List<TaskId>> blocks = new HashMap<>();
            List<PlannedTask> rewired = new ArrayList<>();
            for (PlannedTask t : plan.tasks()) {
                if (!hasDependents.contains(t.key()) && !waiting.isEmpty()) {
                    blocks.put(t.key(), waiting);
                }
                rewired.add(t);
            }
            Planned planned = toNewTasks(new ProjectPlan(plan.features(), rewired), "feature_description", blocks);
            List<NewTask> withUpstream = new ArrayList<>();
            int deps = planned.dependencies();
            for (NewTask n : planned.tasks()) {
                if (n.dependencies().isEmpty() && !upstream.isEmpty()) {
                    withUpstream.add(new NewTask(n.id(), n.name(), n.description(), n.priority(), n.labels(), upstream,
                            n.blocks(), n.estimatedHours(), n.acceptanceCriteria(), n.parentId()));
                    deps += upstream.size();
                } else {
                    withUpstream.add(n);
                }
            }
            Instant now = clock.now();
            List<Task> added = storage.addTasks(project.id(), withUpstream, new GraphRules("feature_description"), now);
            recordPlan(project.id(), planner, plan, now);
            relay.poke();
            return new AddedTasks(project, added, plan.features(), deps, mode.wire(), upstream, waiting, plan.warnings());
        }
    }

    private static List<TaskId> openEnds(List<Task> open, Set<TaskId> dependedOn) {
        return open.stream().filter(t -> !dependedOn.contains(t.id()) && !Deployment.isDeploymentLike(t)).map(Task::id).toList();
    }

    /** Unfinished, non-deployment tasks that share a subject word with the feature text (the planner's own words). */
    private static List<TaskId> related(List<Task> open, String text) {
        Set<String> words = Words.subjects(text);
        List<TaskId> out = new ArrayList<>();
        for (Task t : open) {
            if (Deployment.isDeploymentLike(t) || t.labels().contains("type:test") || t.labels().contains("type:docs")) {
                continue;
            }
            Set<String> w = Words.subjects(t.name());
            w.retainAll(words);
            if (!w.isEmpty()) {
                out.add(t.id());
            }
        }
        return out;
    }

    private void refuseExistingNames(Project project, ProjectPlan plan, String field) {
        Set<String> names = new HashSet<>();
        for (Task t : storage.listTasks(project.id())) {
            names.add(t.name().strip().toLowerCase(Locale.ROOT));
        }
        for (PlannedTask t : plan.tasks()) {
            if (names.contains(t.name().strip().toLowerCase(Locale.ROOT))) {
                throw new ValidationException(field, "task '" + t.name() + "' already exists in project '" + project.name()
                        + "'; nothing was written (rename it, or leave it out)");
            }
        }
    }

    private Project byNameOrActive(String projectName) {
        if (projectName == null || projectName.isBlank()) {
            return current().orElseThrow(() -> new ValidationException("project_name",
                    "no project is selected; pass project_name or call select_project (list_projects shows them)"));
        }
        return storage.listProjects().stream()
                .filter(p -> p.name().equalsIgnoreCase(projectName.strip()))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("project_name",
                        "no project is named '" + projectName.strip() + "'; list_projects shows the projects"));
    }

    /** The one agent-count formula ({@link Schedule#recommendedAgents()}), for the plan just stored. */
    static int recommendedAgents(List<Task> tasks) {
        return Schedule.of(tasks).recommendedAgents();
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
        checkHours(cmd.estimatedHours());
        List<String> labels = cleanList("labels", cmd.labels());
        List<String> criteria = criteria(cmd.acceptanceCriteria());
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

    private List<String> criteria(List<String> raw) {
        List<String> criteria = new ArrayList<>();
        for (String c : limits.list("acceptance_criteria", raw)) {
            String v = limits.text("acceptance_criteria", c, 2_000);
            if (!v.isEmpty()) {
                criteria.add(v);
            }
        }
        return criteria;
    }

    private static void checkHours(Double hours) {
        if (hours != null && (hours < 0 || hours > 10_000 || hours.isNaN())) {
            throw new ValidationException("estimated_hours", "must be between 0 and 10000");
        }
    }

    /** The task with this id, or a not-found error naming {@code task_id}. */
    public Task task(String taskId) {
        TaskId id = TaskId.parse("task_id", taskId);
        return storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id",
                "task '" + taskId + "' does not exist"));
    }

    /**
     * What a human may change on a task; a {@code null} field stays as it is. {@code labels} and
     * {@code acceptanceCriteria} replace the whole list (an empty list clears it).
     */
    public record EditTask(String name, String description, String priority, List<String> labels,
                           Double estimatedHours, List<String> acceptanceCriteria) {
    }

    /**
     * Edits a task's name, description, priority (reprioritising it: the next ranking reads the new priority),
     * labels, estimate or acceptance criteria, in any status. Every field is validated before anything is written;
     * the store appends {@code task_updated} with each changed field before and after.
     */
    public Task updateTask(String taskId, EditTask cmd) {
        TaskId id = TaskId.parse("task_id", taskId);
        String name = cmd.name() == null ? null : limits.name("name", cmd.name());
        String description = cmd.description() == null ? null : limits.text("description", cmd.description());
        Priority priority = cmd.priority() == null ? null : Priority.parse("priority", cmd.priority());
        List<String> labels = cmd.labels() == null ? null : cleanList("labels", cmd.labels());
        checkHours(cmd.estimatedHours());
        List<String> criteria = cmd.acceptanceCriteria() == null ? null : criteria(cmd.acceptanceCriteria());
        TaskEdit edit = new TaskEdit(name, description, priority, labels, cmd.estimatedHours(), criteria);
        if (edit.isEmpty()) {
            throw new ValidationException("body", "nothing to change; send at least one of name, description, "
                    + "priority, labels, estimated_hours, acceptance_criteria");
        }
        Task t = storage.updateTask(id, edit, clock.now());
        relay.poke();
        return t;
    }

    /**
     * Makes a task wait for another task of its project. Refused for the task itself, a task of another project, a
     * dependency that would close a cycle (field {@code depends_on}), and a task in progress or done (conflict). A
     * todo task waiting for an unfinished task is no longer ready; a blocked task may gain dependencies (it waits for
     * them once its blocker is resolved).
     */
    public Task addDependency(String taskId, String dependsOnId) {
        TaskId task = TaskId.parse("task_id", taskId);
        TaskId dependsOn = TaskId.parse("depends_on", dependsOnId);
        if (task.equals(dependsOn)) {
            throw new ValidationException("depends_on", "a task cannot depend on itself");
        }
        Task t = storage.addDependency(task, dependsOn, new GraphRules("depends_on"), clock.now());
        relay.poke();
        return t;
    }

    /** Removes a dependency; a task that waited only for it becomes ready. Refused (conflict) on a done task. */
    public Task removeDependency(String taskId, String dependsOnId) {
        TaskId task = TaskId.parse("task_id", taskId);
        TaskId dependsOn = TaskId.parse("depends_on", dependsOnId);
        Task t = storage.removeDependency(task, dependsOn, clock.now());
        relay.poke();
        return t;
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

    /** Projects that have not been removed (archived), oldest first. */
    public List<Project> list() {
        return storage.listProjects().stream().filter(p -> !p.isArchived()).toList();
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
        return storage.activeProject().flatMap(storage::findProject).filter(p -> !p.isArchived());
    }

    /** Makes a project active, found by id or else by name (case-insensitive). */
    public Project select(String projectId, String name) {
        Project project;
        if (projectId != null && !projectId.isBlank()) {
            project = resolve(projectId);
        } else if (name != null && !name.isBlank()) {
            project = list().stream()
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

    /**
     * Totals of a project, as {@code get_project_status} reports them. Agents are either working (holding a task,
     * paused or not), paused (a human paused them and they hold nothing) or available.
     */
    public record ProjectStatus(Project project, TaskCounts counts, int workersTotal, int workersActive,
                                int workersPaused) {
        public ProjectStatus(Project project, TaskCounts counts, int workersTotal, int workersActive) {
            this(project, counts, workersTotal, workersActive, 0);
        }

        public int workersAvailable() {
            return workersTotal - workersActive - workersPaused;
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
        int paused = (int) agents.stream().filter(a -> a.currentTask() == null && a.isPaused()).count();
        return new ProjectStatus(project, storage.countTasks(project.id()), agents.size(), active, paused);
    }

    public List<Task> tasks(String projectId) {
        return storage.listTasks(resolve(projectId).id());
    }
}
