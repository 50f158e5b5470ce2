package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.Principal;
import dev.marcus.core.account.User;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus user add|list|remove|role|password}: the people who sign in to the dashboard. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Manage the people who sign in to the dashboard (accounts; on in the team profile).",
            "Changes are written to the audit trail as made by cli:<your login name>."},
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class,
            UserCommand.SetRole.class, UserCommand.SetPassword.class})
public final class UserCommand {
    @ParentCommand
    MarcusCommand root;

    /** The operator at this machine's shell: may do everything, named in the audit trail. */
    static Principal operator() {
        return new Principal("cli:" + System.getProperty("user.name", "unknown"), null, Role.ADMIN, null);
    }

    /**
     * Reads a password: the first line of standard input with {@code fromStdin}, else twice from the terminal
     * (without echo). Never from an argument, where it would land in the shell history and the process list.
     */
    static char[] readPassword(boolean fromStdin, String prompt) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new ValidationException("password", "standard input was empty; pipe the password in, e.g. "
                            + "printf '%s\\n' \"$PASSWORD\" | marcus user add … --password-stdin");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new ValidationException("password", "no terminal to ask on; pass --password-stdin and pipe it in");
        }
        char[] first = console.readPassword("%s (at least %d characters): ", prompt, AccountService.MIN_PASSWORD);
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new ValidationException("password", "the two entries differ");
        }
        AccountService.wipe(again);
        return first;
    }

    /**
     * The user a sub-command acts on: {@code --email}, or the positional form of earlier versions (still accepted, with
     * a deprecation note on stderr naming the new form).
     */
    static String who(String email, String positional, CommandSpec spec, String newForm) {
        if (email != null && positional != null && !email.strip().equalsIgnoreCase(positional.strip())) {
            throw new ValidationException("--email", "given twice with different values ('" + email + "' and '"
                    + positional + "'); use --email only");
        }
        if (email == null && positional == null) {
            throw new ValidationException("--email", "is required: " + newForm);
        }
        if (email == null) {
            spec.commandLine().getErr().println("marcus: the positional form is deprecated and will be removed; use: "
                    + newForm);
            return positional;
        }
        return email;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--email", required = true, description = "Sign-in email.")
        String email;
        @Option(names = "--role", defaultValue = "developer", description = "viewer, developer or admin (default ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        public Integer call() {
            Role r = Role.parse("role", role);
            return parent.root.withGraph(graph -> {
                AccountService accounts = graph.accounts();
                char[] password = readPassword(stdin, "Password for " + email);
                User u;
                try {
                    u = accounts.addUser(email, password, r);
                } finally {
                    AccountService.wipe(password);
                }
                accounts.audit(operator(), "user.add", u.email(), null, null, "role=" + r.wire());
                spec.commandLine().getOut().printf("added %s (%s), id %s%n", u.email(), u.role().wire(), u.id());
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return parent.root.withGraph(graph -> {
                PrintWriter out = spec.commandLine().getOut();
                var users = graph.accounts().users();
                if (users.isEmpty()) {
                    out.println("No users yet. Add the first admin: marcus user add --email you@example.com --role admin");
                    return 0;
                }
                out.printf("%-36s %-10s %-24s %s%n", "EMAIL", "ROLE", "LAST SIGN-IN", "ID");
                for (User u : users) {
                    out.printf("%-36s %-10s %-24s %s%n", u.email(), u.role().wire(),
                            u.lastLoginAt() == null ? "never" : u.lastLoginAt().toString(), u.id());
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user: their sessions end and their API tokens are revoked. The last admin stays.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--email", paramLabel = "EMAIL", description = "The user (an email, or a user id).")
        String email;
        @Parameters(paramLabel = "EMAIL", arity = "0..1", hidden = true, description = "Deprecated: use --email.")
        String positional;

        @Override
        public Integer call() {
            String who = who(email, positional, spec, "marcus user remove --email EMAIL");
            return parent.root.withGraph(graph -> {
                User u = graph.accounts().removeUser(who);
                graph.accounts().audit(operator(), "user.remove", u.email(), null, "role=" + u.role().wire(), null);
                spec.commandLine().getOut().printf("removed %s; their sessions ended and their tokens were revoked%n", u.email());
                return 0;
            });
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change a user's role.")
    static final class SetRole implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--email", paramLabel = "EMAIL", description = "The user (an email, or a user id).")
        String email;
        @Option(names = "--role", paramLabel = "ROLE", description = "viewer, developer or admin.")
        String role;
        @Parameters(paramLabel = "EMAIL ROLE", arity = "0..2", hidden = true, description = "Deprecated: use --email and --role.")
        java.util.List<String> positional;

        @Override
        public Integer call() {
            String newForm = "marcus user role --email EMAIL --role ROLE";
            java.util.List<String> rest = new java.util.ArrayList<>(positional == null ? java.util.List.of() : positional);
            String who = who(email, email == null && !rest.isEmpty() ? rest.remove(0) : null, spec, newForm);
            String roleName = role;
            if (rest.size() > 1) {
                throw new ValidationException("--role", "one role only, got " + rest + ": " + newForm);
            }
            if (!rest.isEmpty()) {
                if (role != null && !role.equalsIgnoreCase(rest.get(0))) {
                    throw new ValidationException("--role", "given twice with different values ('" + role + "' and '"
                            + rest.get(0) + "'); use --role only");
                }
                if (email != null) {
                    spec.commandLine().getErr().println("marcus: the positional form is deprecated and will be removed; use: "
                            + newForm);
                }
                roleName = rest.get(0);
            }
            if (roleName == null) {
                throw new ValidationException("--role", "is required: " + newForm);
            }
            Role r = Role.parse("role", roleName);
            return parent.root.withGraph(graph -> {
                User before = graph.accounts().user(who);
                User after = graph.accounts().changeRole(who, r);
                graph.accounts().audit(operator(), "user.role", after.email(), null, before.role().wire(), after.role().wire());
                spec.commandLine().getOut().printf("%s is now %s%n", after.email(), after.role().wire());
                return 0;
            });
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static final class SetPassword implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--email", paramLabel = "EMAIL", description = "The user (an email, or a user id).")
        String email;
        @Parameters(paramLabel = "EMAIL", arity = "0..1", hidden = true, description = "Deprecated: use --email.")
        String positional;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Override
        public Integer call() {
            String who = who(email, positional, spec, "marcus user password --email EMAIL [--password-stdin]");
            return parent.root.withGraph(graph -> {
                User u = graph.accounts().user(who);
                char[] password = readPassword(stdin, "New password for " + u.email());
                try {
                    graph.accounts().changePassword(u.id(), password);
                } finally {
                    AccountService.wipe(password);
                }
                graph.accounts().audit(operator(), "user.password", u.email(), null, null, "changed");
                spec.commandLine().getOut().printf("password of %s changed%n", u.email());
                return 0;
            });
        }
    }
}
