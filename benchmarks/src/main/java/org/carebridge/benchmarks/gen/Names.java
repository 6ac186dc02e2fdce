package org.carebridge.benchmarks.gen;

/** Invented names and places: common words, combined at random, so nobody real is described. */
final class Names {
    private Names() {}

    static final String[] GIVEN_F = {"Ada", "Beryl", "Clara", "Dorothy", "Edith", "Florence", "Gladys", "Hazel", "Irene",
            "Joan", "Kathleen", "Lilian", "Margaret", "Nora", "Olive", "Pauline", "Rose", "Sylvia", "Thelma", "Vera",
            "Winifred", "Amira", "Priya", "Grace", "Maria"};
    static final String[] GIVEN_M = {"Albert", "Bernard", "Cyril", "Dennis", "Ernest", "Frank", "George", "Harold", "Ivor",
            "Jack", "Kenneth", "Leonard", "Maurice", "Norman", "Percy", "Ronald", "Stanley", "Trevor", "Victor", "Walter",
            "Arjun", "Tomasz", "Samuel", "Joseph", "Kwame"};
    static final String[] FAMILY = {"Ashdown", "Brambley", "Copperfield", "Dunmore", "Elmsworth", "Fairweather", "Greenhill",
            "Hartwell", "Ingleby", "Jarrow", "Kingsmill", "Larkspur", "Marchbank", "Netherby", "Oakley", "Pennington",
            "Quarry", "Rushmere", "Saltwood", "Thornbury", "Underhill", "Westgate", "Yarrow", "Ashby", "Bellweather"};
    static final String[] STREET = {"Orchard Way", "Mill Lane", "Church Road", "Station Road", "Hop Garden", "Oast Close",
            "Cherry Walk", "Harbour Street", "Downs View", "Weald Rise", "Marsh Lane", "Priory Gardens"};
    /** Town, outward postcode, rurality class (shared/domain.md §4: rurality drives the uplift). */
    static final String[][] TOWN = {
            {"Maidstone", "ME14", "urban"}, {"Canterbury", "CT1", "urban"}, {"Folkestone", "CT20", "urban"},
            {"Ashford", "TN23", "urban"}, {"Tonbridge", "TN9", "urban"}, {"Margate", "CT9", "urban"},
            {"Faversham", "ME13", "rural-town-fringe"}, {"Tenterden", "TN30", "rural-town-fringe"},
            {"Sandwich", "CT13", "rural-town-fringe"}, {"Smarden", "TN27", "rural-village-dispersed"},
            {"Wye", "TN25", "rural-village-dispersed"}, {"Hawkhurst", "TN18", "rural-village-dispersed"}};
    static final String[] CLIENT_GROUP = {"older-people", "older-people", "older-people", "dementia", "physical-disability",
            "learning-disability", "mental-health"};
    static final String[] PROVIDER_WORD = {"Weald", "Coastal", "Downs", "Garden", "Harbour", "Meadow", "Valley", "Oak",
            "Riverside", "Orchard"};
    static final String[] PROVIDER_KIND = {"Home Care", "Care Services", "Support at Home", "Homecare Ltd", "Care Partners"};
    static final String[] EXCEPTION = {"NO-SIGNAL", "PHONE-FLAT", "NFC-BROKEN", "APP-CRASH", "NO-LANDLINE"};
    static final String[] EXCEPTION_REASON = {"no signal in the property", "phone battery flat", "tag missing from the door",
            "app closed itself", "no landline to call from"};
}
