package org.carebridge.benchmarks.gen;

import org.carebridge.benchmarks.gen.Model.*;

import java.util.List;

/** Everything generated for one person, handed to every output format in one pass; events made once, on demand. */
public final class PersonData {
    private final SyntheticWorld world;
    private final Person person;
    private final Order order;
    private final List<Visit> visits;
    private List<EcmEvent> events;

    public PersonData(SyntheticWorld world, int index) {
        this.world = world;
        this.person = world.person(index);
        this.order = world.order(person);
        this.visits = world.visits(person);
    }

    public Person person() {
        return person;
    }

    public Order order() {
        return order;
    }

    public List<Visit> visits() {
        return visits;
    }

    public List<EcmEvent> events() {
        if (events == null) events = world.events(person);
        return events;
    }
}
