package dev.marcus.cli;

import java.io.PrintStream;

/** Entry point of the {@code marcus} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // In `marcus mcp` stdout carries the protocol only: keep the real stdout for the transport and send anything
        // else that would print (libraries, stray System.out) to stderr, before any of it can run.
        PrintStream protocolOut = System.out;
        boolean mcp = isMcp(args);
        if (mcp) {
            System.setOut(System.err);
        }
        System.exit(MarcusCommand.commandLine(protocolOut, mcp).execute(args));
    }

    /** Whether the command is {@code marcus [--home DIR] mcp …}: the stdio server, started once per agent session. */
    static boolean isMcp(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a.equals("mcp");
            }
        }
        return false;
    }
}
