package org.carebridge.gateway.search;

/** The kinds of search parameter the store indexes; each has its own index table. */
public enum SearchParamType {
    TOKEN, REFERENCE, DATE
}
