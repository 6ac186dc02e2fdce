package org.carebridge.profiles.terminology;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A code in one of the CareBridge code systems. The enums implementing this are the source of the
 * CodeSystem and ValueSet resources, so a mapping that uses a constant cannot emit a code the profiles reject.
 */
public interface CareBridgeCode {
    String system();

    String code();

    String display();

    /** May be null: the display says enough. */
    String definition();

    default Coding coding() {
        return new Coding(system(), code(), display());
    }

    default CodeableConcept concept() {
        return new CodeableConcept(coding());
    }

    /** True when the coding carries this system and code (display is ignored). */
    default boolean matches(Coding coding) {
        return coding != null && system().equals(coding.getSystem()) && code().equals(coding.getCode());
    }

    static <E extends Enum<E> & CareBridgeCode> Optional<E> lookup(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
