package org.carebridge.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks CLI: {@code generate} writes synthetic data files, {@code run} drives load at a gateway (or any
 * FHIR R4 server) and prints a table plus JSON results. See docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "carebridge-benchmarks 0.1",
        subcommands = {GenerateCommand.class, RunCommand.class, CommandLine.HelpCommand.class},
        description = "Synthetic data and load for the CareBridge gateway.")
public final class Bench implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Bench()).execute(args);
        System.exit(code);
    }
}
