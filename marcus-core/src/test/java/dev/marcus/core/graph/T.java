package dev.marcus.core.graph;

import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small task builder for schedule tests: {@code T.task("a").hours(2).after("b").build()}. */
final class T {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static long sequence;

    private final String id;
    private String name;
    private Double hours;
    private TaskStatus status = TaskStatus.TODO;
    private int progress;
    private final List<TaskId> deps = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private String parent;
    private int subtasks;

    private T(String id) {
        this.id = id;
        this.name = "task " + id;
    }

    static T task(String id) {
        return new T(id);
    }

    T named(String n) {
        name = n;
        return this;
    }

    T hours(Double h) {
        hours = h;
        return this;
    }

    T hours(double h) {
        hours = h;
        return this;
    }

    T status(TaskStatus s) {
        status = s;
        return this;
    }

    T done() {
        return status(TaskStatus.DONE);
    }

    T inProgress(int percent) {
        status = TaskStatus.IN_PROGRESS;
        progress = percent;
        return this;
    }

    T after(String... ids) {
        for (String d : ids) {
            deps.add(new TaskId(d));
        }
        return this;
    }

    T labels(String... ls) {
        labels.addAll(List.of(ls));
        return this;
    }

    T subtaskOf(String p) {
        parent = p;
        return this;
    }

    T parentOf(int n) {
        subtasks = n;
        return this;
    }

    Task build() {
        return new Task(new TaskId(id), new ProjectId("proj-1"), name, "", status, Priority.MEDIUM, labels, deps, hours,
                List.of(), parent == null ? null : new TaskId(parent), null, 0, null, null, progress, "", null, null,
                ++sequence, subtasks, 0, 0, T0, T0, null);
    }

    static TaskId id(String s) {
        return new TaskId(s);
    }

    static List<TaskId> ids(String... s) {
        return java.util.Arrays.stream(s).map(TaskId::new).toList();
    }
}
