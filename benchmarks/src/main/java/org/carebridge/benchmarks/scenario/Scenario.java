package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.load.Result;

/**
 * One load scenario. Scenarios are registered by name in {@link Scenarios}; a feed's scenario (ECM, Mosaic,
 * discharge) is one more class and one more line there.
 */
public interface Scenario {
    String name();

    String describe();

    Result run(RunContext ctx) throws Exception;
}
