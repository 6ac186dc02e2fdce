package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.model.PlannedCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One change to a valid generated person, and the field problems it must give (none for a still-valid record).
 * CALLS stands for the number of the call added after the generated ones.
 */
class MosaicValidatorTest {
    static List<Arguments> cases() {
        return List.of(
                c("valid as generated", p -> { }),
                c("no NHS number is fine", p -> { p.nhsNumber = null; p.nhsNumberVerification = null; }),
                c("trace in progress without a number", p -> { p.nhsNumber = null; p.nhsNumberVerification = "06"; }),
                c("verified but no number", p -> p.nhsNumber = null, "nhsNumberVerification"),
                c("'not present' with a number", p -> p.nhsNumberVerification = "07", "nhsNumberVerification"),
                c("bad check digit", p -> p.nhsNumber = "9434765918", "nhsNumber"),
                c("unknown verification code", p -> p.nhsNumberVerification = "09", "nhsNumberVerification"),
                c("no person id", p -> p.personId = " ", "personId"),
                c("no family name", p -> p.name.family = null, "name.family"),
                c("birth date not a date", p -> p.birthDate = "12/04/1938", "birthDate"),
                c("gender code", p -> p.gender = "F", "gender"),
                c("postcode", p -> p.address.postcode = "MAIDSTONE", "address.postcode"),
                c("language tag", p -> p.language = "English!", "language"),
                c("restricted not boolean", p -> p.restricted = "yes", "restricted"),
                c("plan end before start", p -> p.plans.get(0).end = "2020-01-01", "plan[1].end"),
                c("plan status", p -> p.plans.get(0).status = "open", "plan[1].status"),
                c("order kind", p -> p.orders.get(0).kind = "SO", "order[1].kind"),
                c("order status", p -> p.orders.get(0).status = "live", "order[1].status"),
                c("no provider id", p -> { p.orders.get(0).provider.odsCode = null;
                    p.orders.get(0).provider.cqcLocationId = null; }, "order[1].provider"),
                c("weekly hours over 168", p -> p.orders.get(0).maxWeeklyHours = "200", "order[1].maxWeeklyHours"),
                c("units without unit", p -> p.orders.get(0).unitOfPurchase = null, "order[1].units"),
                c("call time", p -> p.orders.get(0).calls.get(0).time = "7.30am", "order[1].call[1].time"),
                c("five workers", p -> p.orders.get(0).calls.get(0).workers = "5", "order[1].call[1].workers"),
                c("call day", p -> p.orders.get(0).calls.get(0).days.add("monday"), "order[1].call[1].day"),
                c("repeated order number", p -> {
                    var o = SyntheticMosaic.person(1, 0).orders.get(0);
                    o.orderNumber = p.orders.get(0).orderNumber;
                    p.orders.add(o);
                }, "order[2].orderNumber"),
                c("call without minutes", p -> {
                    PlannedCall call = new PlannedCall();
                    call.time = "09:00";
                    p.orders.get(0).calls.add(call);
                }, "order[1].call[CALLS].minutes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheFieldAtFault(String name, Consumer<PersonRecord> change, List<String> fields) {
        PersonRecord p = SyntheticMosaic.person(1, 0);
        int calls = p.orders.get(0).calls.size();
        change.accept(p);
        List<String> expected = fields.stream().map(f -> f.replace("CALLS", Integer.toString(calls + 1))).toList();
        assertEquals(expected, MosaicValidator.validate(p).stream().map(FieldProblem::field).toList());
    }

    private static Arguments c(String name, Consumer<PersonRecord> change, String... fields) {
        return Arguments.of(name, change, List.of(fields));
    }
}
