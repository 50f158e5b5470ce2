package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.error.ValidationException;
import java.io.PrintWriter;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.User;
import dev.marcus.core.model.Role;
import dev.marcus.storage.postgres.PostgresUrl;
import java.io.Console;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code marcus upgrade --team}: the migration, the configuration switch, and what changed and how to undo it.
 * Idempotent: a second run finds every table copied, verifies, and leaves the configuration as it is.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true, description = {
    "Move this Marcus to a bigger profile. --team: copy the solo SQLite data into PostgreSQL, verify it,",
    "switch the configuration, and print what changed and how to undo it. Safe to run again."})
public final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--team", required = true, description = "Upgrade to the team profile (PostgreSQL).")
    boolean team;

    @Option(names = "--to", paramLabel = "URL", description = "PostgreSQL URL (default: DATABASE_URL / database.url).")
    String to;

    @Option(names = "--from", paramLabel = "FILE", description = "SQLite file (default: the solo database in MARCUS_HOME).")
    Path from;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema (default: public).")
    String schema;

    @Option(names = "--admin-email", paramLabel = "EMAIL",
            description = "The first admin of the team's dashboard (asked for on a terminal when omitted).")
    String adminEmail;

    @Option(names = "--admin-password-stdin",
            description = {"Read the first admin's password from standard input (else " + InitCommand.PASSWORD_ENV + ",",
                "else asked for on a terminal, else generated and printed once).",
                "On a home without a solo install, upgrade --team starts a new team install, as `marcus init --team`."})
    boolean adminPasswordStdin;

    @Override
    public Integer call() {
        if (!team) {
            throw new ValidationException("--team", "is the only upgrade this build offers");
        }
        PrintWriter out = spec.commandLine().getOut();
        MarcusConfig current = root.config(Map.of());
        if (alreadyUpgraded(current)) {
            // the team works in PostgreSQL now (and may have changed it): copying the old SQLite file again would
            // only find differences; make sure somebody can sign in, and stop
            out.printf("Already on the team profile: %s%s. Nothing to migrate.%n",
                    PostgresUrl.parse(current.databaseUrl()).masked(),
                    current.databaseSchema() == null ? "" : " (schema " + current.databaseSchema() + ")");
            firstAdmin(out);
            return 0;
        }
        MarcusConfig config = root.config(Map.of("profile", "solo"));
        if (from == null && !java.nio.file.Files.isRegularFile(config.database())) {
            // nothing to move: a team starting fresh gets the same install as `marcus init --team`
            out.printf("No solo install in %s to move; starting a new team install (as `marcus init --team`).%n",
                    config.home());
            return InitCommand.initTeam(root, new InitCommand.Request(to, "--to", schema, adminEmail, adminPasswordStdin),
                    out, spec.commandLine().getErr());
        }
        MigrateSqliteToPostgresCommand.Result r = MigrateSqliteToPostgresCommand.migrate(config, from, to, schema, true,
                true, spec.commandLine().getErr());
        MigrateSqliteToPostgresCommand.print(out, r);
        Path file = config.home().resolve(ConfigLoader.FILE_NAME);
        out.println();
        out.println("What changed:");
        out.printf("  - PostgreSQL %s now holds a verified copy of %s%n", r.to().masked(), r.from());
        out.printf("  - %s: profile=team, database.url=%s%s%n", file, r.to().masked(),
                "public".equals(r.schema()) ? "" : ", database.schema=" + r.schema());
        out.printf("  - %s was not modified (it was opened read-only)%n", r.from());
        out.println("Every marcus command (mcp, status, board, …) now uses PostgreSQL; `marcus status` shows it.");
        firstAdmin(out);
        out.println("How to undo:");
        if (r.configBackup() != null) {
            out.printf("  cp %s %s%n", r.configBackup(), file);
        } else {
            out.printf("  rm %s        (there was no configuration file before)%n", file);
        }
        out.println("  Work done on PostgreSQL after the upgrade is not in the SQLite file; `marcus export` first to keep it.");
        return 0;
    }

    /** Whether the configuration already points at the PostgreSQL this upgrade would copy to. */
    private boolean alreadyUpgraded(MarcusConfig current) {
        if (current.profile() != MarcusConfig.Profile.TEAM || current.databaseUrl() == null) {
            return false;
        }
        String target = to != null ? to : current.databaseUrl();
        String wantedSchema = schema == null ? "public" : schema;
        String haveSchema = current.databaseSchema() == null ? "public" : current.databaseSchema();
        return PostgresUrl.parse(target).masked().equals(PostgresUrl.parse(current.databaseUrl()).masked())
                && wantedSchema.equals(haveSchema);
    }

    /**
     * Accounts are on in the team profile: make sure somebody can sign in. Idempotent: with an admin already there,
     * nothing is asked or changed.
     */
    private void firstAdmin(PrintWriter out) {
        MarcusGraph graph = root.open(Map.of());
        try {
            AccountService accounts = graph.accounts();
            boolean hasAdmin = accounts.users().stream().anyMatch(u -> u.role() == Role.ADMIN);
            if (hasAdmin) {
                out.println("  - accounts: an admin already exists; nothing changed");
                return;
            }
            Console console = System.console();
            String email = adminEmail;
            if (email == null && console != null && !adminPasswordStdin) {
                email = console.readLine("Accounts are on in the team profile. First admin's email: ");
            }
            if (email == null || email.isBlank()) {
                out.println("  - accounts are on in the team profile, but nobody can sign in yet; add the first admin:");
                out.println("      marcus user add --email you@example.com --role admin");
                return;
            }
            char[] password;
            boolean generated = false;
            if (adminPasswordStdin || console != null || System.getenv(InitCommand.PASSWORD_ENV) != null) {
                password = InitCommand.readPassword(adminPasswordStdin, email.strip());
            } else {
                password = generatedPassword();
                generated = true;
            }
            try {
                User admin = accounts.addUser(email, password, Role.ADMIN);
                accounts.audit(UserCommand.operator(), "user.add", admin.email(), null, null, "role=admin (upgrade --team)");
                out.printf("  - accounts: first admin %s created%n", admin.email());
                if (generated) {
                    out.printf("    generated password (shown once; change it with 'marcus user password --email %s'): %s%n",
                            admin.email(), new String(password));
                }
            } finally {
                AccountService.wipe(password);
            }
        } finally {
            graph.shutdown();
        }
    }

    private static char[] generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
