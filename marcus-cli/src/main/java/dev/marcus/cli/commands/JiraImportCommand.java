package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.service.ProjectService;
import dev.marcus.integrations.JiraImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus jira-import}: a JIRA JSON export becomes a project; blocking links become dependencies. */
@Command(name = "jira-import", mixinStandardHelpOptions = true, description = {
    "Create a project from a JIRA JSON export (a search result {\"issues\": [...]}, e.g. from",
    "/rest/api/2/search?jql=project=SHOP&maxResults=1000). Issues not done become tasks named 'KEY summary';",
    "'blocks' / 'is blocked by' / 'depends on' links become dependencies; epics become features."})
public final class JiraImportCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JIRA export (JSON).")
    Path file;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new project's name.")
    String name;

    @Option(names = "--root", paramLabel = "DIR", description = "The project's root directory (artifacts are written inside it).")
    String projectRoot;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ValidationException("FILE", "cannot read " + file + ": " + e.getMessage());
        }
        JiraImport jira = JiraImport.parse(text);
        PrintWriter out = spec.commandLine().getOut();
        return root.withGraph(graph -> {
            ProjectService.CreatedProject p = graph.projects().create(name, "Imported from the JIRA export "
                    + file.getFileName(), jira, projectRoot);
            out.printf("project %s (%s): %d tasks, %d dependencies; %d done issues left out%n", p.project().name(),
                    p.project().id(), p.tasks().size(), p.dependencies(), jira.skippedDone());
            return 0;
        });
    }
}
