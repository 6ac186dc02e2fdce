package org.carebridge.gateway;

import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

/**
 * Starts the gateway. {@code --demo} switches on the "demo" environment (application-demo.yml): demo data for
 * every tenant and the development token issuer. Everything else is configuration (application.yml, env vars).
 * {@code -Dcarebridge.exit-after-start=true} is the launcher's training run ({@link TrainingRun}).
 */
public class Application {
    public static void main(String[] args) {
        boolean demo = Arrays.asList(args).contains("--demo");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        Micronaut m = Micronaut.build(rest).mainClass(Application.class);
        if (demo) {
            m.environments("demo");
        }
        m.start();
    }
}
