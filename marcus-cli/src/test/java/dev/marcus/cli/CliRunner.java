package dev.marcus.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the {@code marcus} command line in-process on a given home, capturing its output and exit code. */
public final class CliRunner {
    private CliRunner() {
    }

    /** What a run printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    /** Runs {@code marcus --home HOME args…}. */
    public static Run run(Path home, String... args) {
        return run(home, null, args);
    }

    /** The same, with {@code stdin} as standard input ({@code null}: empty). */
    public static Run run(Path home, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MarcusCommand.commandLine(System.out);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        InputStream before = System.in;
        try {
            System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            return new Run(cl.execute(all), out.toString(), err.toString());
        } finally {
            System.setIn(before);
        }
    }
}
