package dev.marcus.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of the {@code marcus} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // In `marcus mcp` stdout carries the protocol only: keep the real stdout for the transport and send anything
        // else that would print (libraries, stray System.out) to stderr, before any of it can run.
        PrintStream protocolOut = System.out;
        if (Arrays.asList(args).contains("mcp")) {
            System.setOut(System.err);
        }
        System.exit(MarcusCommand.commandLine(protocolOut).execute(args));
    }
}
