package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.data.ConfigFile;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.User;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Role;
import dev.marcus.storage.postgres.PostgresUrl;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code marcus init --team}: a new team install, directly on PostgreSQL — the schema, the first admin, the
 * configuration, and the next steps. Refuses to start over an existing install (solo data in this home, another
 * database configured, or a database that already holds Marcus data); safe to run again after it succeeded.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = {
    "Start a new Marcus install. --team: on PostgreSQL, with the first admin and the configuration written;",
    "prints the next steps. To move an existing solo install instead, use `marcus upgrade --team`.",
    "",
    "The admin's password comes from a terminal prompt, the first line of standard input",
    "(--admin-password-stdin), or the environment variable " + InitCommand.PASSWORD_ENV + "; never from an argument."})
public final class InitCommand implements Callable<Integer> {
    /** Where a script puts the first admin's password (an argument would show in the process list). */
    public static final String PASSWORD_ENV = "MARCUS_ADMIN_PASSWORD";

    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--team", required = true, description = "A team install on PostgreSQL (the only kind to initialise).")
    boolean team;

    @Option(names = "--database-url", paramLabel = "URL",
            description = {"PostgreSQL (default: DATABASE_URL / database.url). Prefer DATABASE_URL when the URL holds a",
                "password: an argument is visible to every user of this machine in the process list."})
    String databaseUrl;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema (default: database.schema, else public).")
    String schema;

    @Option(names = "--admin-email", paramLabel = "EMAIL", description = "The first admin (asked for on a terminal when omitted).")
    String adminEmail;

    @Option(names = "--admin-password-stdin", description = "Read the first admin's password from the first line of standard input.")
    boolean adminPasswordStdin;

    @Override
    public Integer call() {
        if (!team) {
            throw new ValidationException("--team", "is the only kind of install to initialise; solo needs no init "
                    + "(any command creates it)");
        }
        return initTeam(root, new Request(databaseUrl, "--database-url", schema, adminEmail, adminPasswordStdin),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * What to initialise.
     *
     * @param url the PostgreSQL URL given on the command line, or null for {@code DATABASE_URL} / {@code database.url}
     * @param urlFlag the flag {@code url} came from, for messages
     */
    record Request(String url, String urlFlag, String schema, String adminEmail, boolean passwordFromStdin) {
    }

    /** The team install, as {@code init --team} and {@code upgrade --team} on an empty home run it. */
    static int initTeam(MarcusCommand root, Request request, PrintWriter out, PrintWriter err) {
        MarcusConfig current = root.config(Map.of("profile", "solo"));
        String url = request.url() != null ? request.url() : current.databaseUrl();
        if (url == null) {
            throw new ConfigException("no PostgreSQL to initialise: set DATABASE_URL=postgres://user:pass@host:5432/db "
                    + "(or pass " + request.urlFlag() + " URL)");
        }
        PostgresUrl target = PostgresUrl.parse(url);
        if (request.url() != null) {
            MigrateSqliteToPostgresCommand.warnIfPassword(err, request.urlFlag(), target);
        }
        String schema = request.schema() != null ? request.schema()
                : current.databaseSchema() == null ? "public" : current.databaseSchema();
        String where = target.masked() + ("public".equals(schema) ? "" : " (schema " + schema + ")");
        java.util.Properties file = ConfigLoader.readFile(current.home());
        boolean sameInstall = file.getProperty("database.url") != null
                && PostgresUrl.parse(file.getProperty("database.url")).masked().equals(target.masked())
                && file.getProperty("database.schema", "public").equals(schema);
        if (!sameInstall) {
            refuseExistingHome(root, current, file);
        }

        // what a person must type is checked before anything is written
        Console console = System.console();
        String email = request.adminEmail();
        if (email == null && console != null && !request.passwordFromStdin()) {
            email = console.readLine("First admin's email: ");
        }
        if (email == null || email.isBlank()) {
            throw new ValidationException("--admin-email", "is required (the first admin, who signs in to the dashboard)");
        }
        email = AccountService.normalizeEmail(email);
        char[] password = sameInstall ? null : readPassword(request.passwordFromStdin(), email);

        Map<String, String> team = new LinkedHashMap<>();
        team.put("profile", "team");
        team.put("database.url", url);
        team.put("database.schema", schema);
        MarcusGraph graph = null;
        try {
            graph = root.open(team);
            AccountService accounts = graph.accounts();
            List<User> users = accounts.users();
            int projects = graph.projects().list().size();
            java.util.Optional<User> admin = users.stream().filter(u -> u.role() == Role.ADMIN).findFirst();
            if (sameInstall && admin.isPresent()) {
                out.printf("%s is already a team install on %s, with an admin; nothing changed.%n", current.home(), where);
                nextSteps(out, admin.get().email());
                return 0;
            }
            if (!sameInstall && (projects > 0 || !users.isEmpty())) {
                throw new ConflictException("install_exists", where + " already holds a Marcus install (" + projects
                        + " projects, " + users.size() + " users); nothing was changed. To run another server on it, "
                        + "give that process DATABASE_URL" + ("public".equals(schema) ? "" : " and MARCUS_DATABASE_SCHEMA=" + schema)
                        + "; to start a separate install, use another database or --schema");
            }
            if (password == null) {
                password = readPassword(request.passwordFromStdin(), email);
            }
            User created = accounts.addUser(email, password, Role.ADMIN);
            accounts.audit(UserCommand.operator(), "user.add", created.email(), null, null, "role=admin (init --team)");
            Map<String, String> values = new LinkedHashMap<>(team);
            values.put("database.schema", "public".equals(schema) ? null : schema);
            ConfigFile.update(current.home(), values);
            out.printf("Initialised a team install of Marcus %s in %s:%n", VersionProvider.version(), current.home());
            out.printf("  - PostgreSQL %s, schema version %s%n", where, graph.storage().schemaVersion());
            out.printf("  - first admin: %s%n", created.email());
            out.printf("  - %s: profile=team, database.url%s (readable by you only)%n",
                    current.home().resolve(ConfigLoader.FILE_NAME), "public".equals(schema) ? "" : ", database.schema");
            nextSteps(out, created.email());
            return 0;
        } finally {
            if (password != null) {
                AccountService.wipe(password);
            }
            if (graph != null) {
                graph.shutdown();
            }
        }
    }

    /** Refuses a home that already holds an install: a solo store with work in it, or another configured database. */
    private static void refuseExistingHome(MarcusCommand root, MarcusConfig solo, java.util.Properties file) {
        String configured = file.getProperty("database.url");
        if (configured != null) {
            throw new ConflictException("install_exists", solo.home() + " is already configured for "
                    + PostgresUrl.parse(configured).masked() + " (" + solo.home().resolve(ConfigLoader.FILE_NAME)
                    + "); nothing was changed. `marcus status` shows it; to start another install, use another --home "
                    + "(or MARCUS_HOME)");
        }
        if (!Files.isRegularFile(solo.database())) {
            return;
        }
        MarcusGraph graph = root.open(Map.of("profile", "solo"));
        try {
            int projects = graph.projects().list().size();
            int users = graph.accounts().users().size();
            if (projects > 0 || users > 0) {
                throw new ConflictException("install_exists", solo.home() + " holds a solo install (" + projects
                        + " projects, " + users + " users in " + solo.database() + "); nothing was changed. "
                        + "To move it to PostgreSQL, run `marcus upgrade --team --to URL`; to start empty, use another "
                        + "--home (or MARCUS_HOME)");
            }
        } finally {
            graph.shutdown();
        }
    }

    /**
     * The first admin's password: the first line of standard input, else {@value #PASSWORD_ENV}, else asked twice
     * on the terminal; with none of them, a {@link ValidationException} saying how to give one.
     */
    static char[] readPassword(boolean fromStdin, String email) {
        char[] password;
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (!fromStdin && fromEnv != null && !fromEnv.isEmpty()) {
            password = fromEnv.toCharArray();
        } else if (!fromStdin && System.console() == null) {
            throw new ValidationException("password", "no terminal to ask on: pipe it in with --admin-password-stdin, "
                    + "or set " + PASSWORD_ENV);
        } else {
            password = UserCommand.readPassword(fromStdin, "Password for " + email);
        }
        AccountService.checkPassword(password);
        return password;
    }

    private static void nextSteps(PrintWriter out, String admin) {
        out.println("Next steps:");
        out.println("  1. Start the server:   marcus serve --host 0.0.0.0        (as a service: docs/operations/service.md;");
        out.println("                         behind HTTPS: docs/operations/reverse-proxy.md)");
        out.printf("  2. Sign in:            http://HOST:5000/ as %s%n", admin);
        out.println("  3. Add teammates:      marcus user add --email grace@example.com --role developer");
        out.println("  4. Connect agents:     marcus token create --project PROJECT --name NAME --user EMAIL, then");
        out.println("                         claude mcp add --transport http marcus https://HOST/mcp --header \"Authorization: Bearer mrc_…\"");
        out.println("  `marcus status` shows the install; docs/operations/ has the rest.");
    }
}
