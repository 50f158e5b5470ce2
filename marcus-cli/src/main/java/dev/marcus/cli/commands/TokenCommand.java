package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.Principal;
import dev.marcus.core.account.User;
import dev.marcus.core.model.Role;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus token create|list|revoke}: API tokens agents send to {@code /mcp}. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manage API tokens: agents send them as 'Authorization: Bearer <token>' to /mcp and the REST API.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {
    @ParentCommand
    MarcusCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token for one project; it is printed once, on standard output, and never stored.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;
        @Option(names = "--project", required = true, paramLabel = "ID", description = "The project the token works on.")
        String project;
        @Option(names = "--name", required = true, description = "What the token is for, e.g. 'claude-code on ada's laptop'.")
        String name;
        @Option(names = "--role", defaultValue = "developer", description = "viewer or developer (default ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--user", required = true, paramLabel = "EMAIL",
                description = "The user the token acts for (a developer or admin); it is revoked with them.")
        String user;

        @Override
        public Integer call() {
            Role r = Role.parse("role", role);
            return parent.root.withGraph(graph -> {
                AccountService accounts = graph.accounts();
                User maker = accounts.user(user);
                Principal who = new Principal("user:" + maker.email(), maker.id(), maker.role(), null);
                AccountService.IssuedToken issued = accounts.createToken(who, project, name, r);
                accounts.audit(UserCommand.operator(), "token.create", issued.token().id(), issued.token().projectId(),
                        null, issued.token().name() + " role=" + r.wire() + " for " + maker.email());
                spec.commandLine().getErr().printf("token %s for project %s (%s); copy it now, it cannot be shown again:%n",
                        issued.token().id(), issued.token().projectId().value(), r.wire());
                spec.commandLine().getOut().println(issued.secret());
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return parent.root.withGraph(graph -> {
                PrintWriter out = spec.commandLine().getOut();
                var tokens = graph.accounts().tokens(UserCommand.operator());
                if (tokens.isEmpty()) {
                    out.println("No API tokens. Make one: marcus token create --project ID --name NAME --user EMAIL");
                    return 0;
                }
                out.printf("%-22s %-28s %-22s %-10s %-10s %s%n", "ID", "NAME", "PROJECT", "ROLE", "STATE", "LAST USED");
                for (ApiToken t : tokens) {
                    out.printf("%-22s %-28s %-22s %-10s %-10s %s%n", t.id(), BoardCommand.cut(t.name(), 28),
                            t.projectId().value(), t.role().wire(), t.isRevoked() ? "revoked" : "active",
                            t.lastUsedAt() == null ? "never" : t.lastUsedAt().toString());
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token: agents using it stop at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The token id (tok-…), from 'marcus token list'.")
        String id;

        @Override
        public Integer call() {
            return parent.root.withGraph(graph -> {
                ApiToken t = graph.accounts().revokeToken(UserCommand.operator(), id);
                graph.accounts().audit(UserCommand.operator(), "token.revoke", t.id(), t.projectId(), "active", "revoked");
                spec.commandLine().getOut().printf("revoked %s (%s)%n", t.id(), t.name());
                return 0;
            });
        }
    }
}
