package dev.marcus.core.service;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.CommandRunner;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The check a completion passes before a task is finished. For a task labelled {@code type:integration}, while the
 * gate is enabled, the completing agent must declare verification commands; each runs in the project's
 * {@code project_root} with a timeout, and the first that fails refuses the completion ({@code verification_failed})
 * with the tail of its output. Other tasks, and every task while the gate is off, pass without running anything.
 */
@Singleton
public final class CompletionGate {
    /** The label that puts a task behind the gate. */
    public static final String LABEL = "type:integration";
    static final int MAX_COMMANDS = 10;
    static final int MAX_COMMAND_CHARS = 1_000;
    static final int TAIL_CHARS = 2_000;

    /**
     * How the gate behaves.
     *
     * @param shell when not empty, each command is passed as the last argument to this program (e.g.
     *     {@code [/bin/sh, -c]}); when empty, commands are split into words and run without a shell
     */
    public record Settings(boolean enabled, Duration timeout, List<String> shell) {
        public static final Settings DISABLED = new Settings(false, Duration.ofSeconds(300), List.of());

        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            shell = List.copyOf(shell);
        }
    }

    /** One command that ran, and how it ended. */
    public record Verification(String command, int exitCode, boolean timedOut, String outputTail, long millis) {
    }

    private final StorageBackend storage;
    private final CommandRunner runner;
    private final Settings settings;

    @Inject
    public CompletionGate(StorageBackend storage, CommandRunner runner, Settings settings) {
        this.storage = storage;
        this.runner = runner;
        this.settings = settings;
    }

    /** A gate that never runs anything. */
    public static CompletionGate disabled(StorageBackend storage) {
        return new CompletionGate(storage, CommandRunner.none(), Settings.DISABLED);
    }

    public Settings settings() {
        return settings;
    }

    /** Whether completing this task will run commands. */
    public boolean applies(Task task) {
        return settings.enabled() && task.labels().contains(LABEL);
    }

    /**
     * Runs the declared commands when the gate applies to this completion.
     *
     * @return what ran (empty when the gate does not apply, or the agent does not hold the task: the store refuses
     *     that completion itself)
     * @throws ConflictException {@code verification_failed} when a command fails or times out, or none was declared
     */
    public List<Verification> check(Task task, AgentId agent, List<String> commands) {
        List<String> declared = declared(commands);
        if (!applies(task) || task.isDone() || !agent.equals(task.assignee())) {
            return List.of();
        }
        if (declared.isEmpty()) {
            throw new ConflictException("verification_failed", "task " + task.id() + " is labelled " + LABEL
                    + ": complete it with verification_commands (e.g. [\"mvn -q verify\"]) that prove it works");
        }
        Project project = storage.findProject(task.projectId()).orElseThrow();
        if (project.projectRoot() == null || !Files.isDirectory(Path.of(project.projectRoot()))) {
            throw new ConflictException("verification_failed", "project " + project.id() + " has no existing project_root "
                    + "to run verification commands in; set it with create_project options.project_root");
        }
        Path root = Path.of(project.projectRoot());
        List<Verification> ran = new ArrayList<>();
        for (String command : declared) {
            List<String> argv = argv(command);
            CommandRunner.Result r = runner.run(argv, root, settings.timeout());
            Verification v = new Verification(command, r.exitCode(), r.timedOut(), tail(r.output()), r.took().toMillis());
            ran.add(v);
            if (!r.passed()) {
                String why = r.timedOut() ? "timed out after " + settings.timeout().toSeconds() + " s and was killed"
                        : "exited with " + r.exitCode();
                throw new ConflictException("verification_failed", "completion refused: `" + command + "` " + why
                        + " in " + root + "; output (tail):\n" + v.outputTail());
            }
        }
        return ran;
    }

    /**
     * Checks the declared commands' shape (what {@link #check} does first) without reading the task: a completion
     * calls this instead of {@link #check} when the gate is off, so it costs no read of the store.
     *
     * @throws ValidationException when there are too many commands or one is too long
     */
    public void validate(List<String> commands) {
        declared(commands);
    }

    private static List<String> declared(List<String> commands) {
        List<String> declared = commands == null ? List.of() : commands.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        if (declared.size() > MAX_COMMANDS) {
            throw new ValidationException("verification_commands", "at most " + MAX_COMMANDS + " commands, got " + declared.size());
        }
        for (String c : declared) {
            if (c.length() > MAX_COMMAND_CHARS) {
                throw new ValidationException("verification_commands", "a command is longer than " + MAX_COMMAND_CHARS + " characters");
            }
        }
        return declared;
    }

    private List<String> argv(String command) {
        if (!settings.shell().isEmpty()) {
            List<String> out = new ArrayList<>(settings.shell());
            out.add(command);
            return out;
        }
        List<String> words = split(command);
        if (words.isEmpty()) {
            throw new ValidationException("verification_commands", "a command is empty");
        }
        return words;
    }

    /** Splits a command line into words; single and double quotes group, a backslash escapes the next character. */
    static List<String> split(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    cur.append(command.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                cur.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ValidationException("verification_commands", "unclosed quote in `" + command + "`");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String tail(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= TAIL_CHARS ? s : "…" + s.substring(s.length() - TAIL_CHARS);
    }
}
