package org.carebridge.mappings.mosaic;

/** What is wrong with one field of a record. The reason never repeats the value (it may be personal data). */
public record FieldProblem(String field, String reason) {}
