package eu.microcredentials.recognition.access;

import eu.microcredentials.recognition.domain.organisation.Organisation;

/** Who sent a request, by its API key: an operator, or a registered organisation. */
public sealed interface Caller {

    record Operator() implements Caller {
    }

    record OfOrganisation(Organisation organisation) implements Caller {
    }
}
