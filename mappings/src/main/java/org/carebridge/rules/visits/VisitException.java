package org.carebridge.rules.visits;

/**
 * A breach of the council's contract found on one visit.
 *
 * @param code   what kind
 * @param detail numbers behind it, e.g. "first check-in 45 min after the planned start"; no personal data
 * @param source the rule pack's source for the rule (seed line)
 */
public record VisitException(VisitExceptionCode code, String detail, String source) {}
