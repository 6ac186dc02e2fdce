package org.carebridge.benchmarks;

import org.carebridge.benchmarks.load.Result;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RunCommandTest {
    @Test
    void aScenarioWhoseOperationsAllFailedCountsAsFailed() {
        Result none = new Result("discharge-message").row("message throughput", 0.0, "msg/s", null)
                .row("message ok / failed", "0 / 360", "", null);
        assertNotNull(RunCommand.nothingSucceeded(none));
        Result idle = new Result("discharge-message").row("message ok / failed", "0 / 0", "", null);
        assertNotNull(RunCommand.nothingSucceeded(idle), "nothing measured at all is no measurement either");
        Result some = new Result("discharge-message").row("message ok / failed", "120 / 4", "", null);
        assertNull(RunCommand.nothingSucceeded(some));
        assertNull(RunCommand.nothingSucceeded(new Result("floor-parse").row("parse", 1.0, "res/s", null)));
    }

    @Test
    void aRunMarkedInvalidCountsAsFailedThoughItsRequestsSucceeded() {
        Result empty = new Result("fhir-search").row("search ok / failed", "9000 / 0", "", null)
                .invalid("every sampled search (40) found no Appointment");
        assertEquals("every sampled search (40) found no Appointment", RunCommand.nothingSucceeded(empty));
    }
}
