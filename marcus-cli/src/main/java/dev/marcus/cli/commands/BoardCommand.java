package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marcus board}: the project's tasks in four columns, optionally refreshed until interrupted. */
@Command(name = "board", mixinStandardHelpOptions = true, description = "Show a project's board in the terminal: todo, in progress, blocked, done.")
public final class BoardCommand implements Callable<Integer> {
    private static final TaskStatus[] COLUMNS = {TaskStatus.TODO, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED, TaskStatus.DONE};
    private static final String[] TITLES = {"TODO", "IN PROGRESS", "BLOCKED", "DONE"};

    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "ID", description = "Project to show (default: the active project).")
    String project;

    @Option(names = "--watch", description = "Redraw every --interval seconds until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS", description = "Redraw interval with --watch (default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Screen width (default: $COLUMNS, else 120).")
    Integer width;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 1) {
            throw new dev.marcus.core.error.ValidationException("--interval", "must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        MarcusGraph graph = root.open(Map.of());
        try {
            do {
                Project p = graph.projects().resolve(project);
                String board = render(p, graph.storage().listTasks(p.id()), graph.storage().countTasks(p.id()),
                        Instant.now(), screenWidth());
                if (watch) {
                    out.print("\033[H\033[2J");
                }
                out.print(board);
                out.flush();
                if (watch) {
                    Thread.sleep(interval * 1000L);
                }
            } while (watch);
            return 0;
        } finally {
            graph.shutdown();
        }
    }

    private int screenWidth() {
        if (width != null) {
            return Math.max(40, width);
        }
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /** Renders the board as text; pure, so tests can check it. */
    public static String render(Project p, List<Task> tasks, TaskCounts counts, Instant now, int screenWidth) {
        int col = (screenWidth - 3 * 3) / 4;
        Map<TaskStatus, List<String[]>> cards = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : COLUMNS) {
            cards.put(s, new ArrayList<>());
        }
        for (Task t : tasks) {
            if (t.isParent()) {
                continue;
            }
            String second;
            switch (t.status()) {
                case IN_PROGRESS -> {
                    String left = t.leaseExpiresAt() == null ? "" : " lease " + countdown(Duration.between(now, t.leaseExpiresAt()));
                    second = "@" + t.assignee() + " " + t.progress() + "%" + left;
                }
                case TODO -> second = t.dependencies().isEmpty() ? t.priority().wire() : t.priority().wire() + ", waits on " + t.dependencies().size();
                case BLOCKED -> second = t.lastMessage() == null ? "" : t.lastMessage();
                default -> second = t.assignee() == null ? "" : "@" + t.assignee();
            }
            cards.get(t.status()).add(new String[] {cut(t.name(), col), cut(second, col)});
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s (%s) — %d tasks, %.1f%% done%s%n%n", p.name(), p.id(), counts.total(),
                counts.completionPercentage(), p.isComplete() ? ", complete" : ""));
        for (int i = 0; i < COLUMNS.length; i++) {
            b.append(pad(TITLES[i] + " (" + cards.get(COLUMNS[i]).size() + ")", col)).append(i < 3 ? " | " : "\n");
        }
        b.append("-".repeat(Math.max(0, screenWidth))).append('\n');
        int rows = cards.values().stream().mapToInt(List::size).max().orElse(0);
        for (int r = 0; r < rows; r++) {
            for (int line = 0; line < 2; line++) {
                for (int i = 0; i < COLUMNS.length; i++) {
                    List<String[]> c = cards.get(COLUMNS[i]);
                    String text = r < c.size() ? (line == 0 ? c.get(r)[0] : "  " + c.get(r)[1]) : "";
                    b.append(pad(cut(text, col), col)).append(i < 3 ? " | " : "\n");
                }
            }
        }
        return b.toString();
    }

    static String countdown(Duration d) {
        if (d.isNegative()) {
            return "expired";
        }
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }

    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
