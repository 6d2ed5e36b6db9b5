package eu.microcredentials.benchmarks;

import java.util.UUID;

/** Issue requests as an awarding body's integration sends them: every EU standard element, a learner of its own each. */
final class CredentialRequests {
    private static final String TEMPLATE = """
            {"learner": {"id": "%s", "givenName": "Ana", "familyName": "Silva", "dateOfBirth": "1999-04-02"},
             "title": "Applied Machine Learning", "issuerCountries": ["PT"], "issuedOn": "2026-11-20",
             "learningOutcomes": [{"description": "Train and evaluate supervised models",
                                   "escoSkill": "http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"}],
             "workload": {"ects": 3, "hours": 75}, "level": {"eqf": 6, "qfEhea": "FIRST_CYCLE"},
             "assessment": {"type": "WRITTEN_EXAM", "description": "Proctored 2-hour exam"},
             "participation": {"form": "ONLINE"},
             "qualityAssurance": {"type": "EXTERNAL", "description": "Programme accredited by A3ES"},
             "prerequisites": "Python programming", "supervision": {"supervised": true, "identityVerification": "ONLINE"},
             "grade": "18/20", "stackability": {"stackable": true, "description": "Counts towards the Data Science certificate"},
             "furtherInformation": "https://example.org/courses/aml"}""";

    private CredentialRequests() {
    }

    static String one() {
        return TEMPLATE.formatted("mailto:learner." + UUID.randomUUID() + "@example.org");
    }

    /** A JSON array of {@code size} requests, for the batch endpoint. */
    static String batch(int size) {
        StringBuilder json = new StringBuilder(size * TEMPLATE.length()).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(one());
        }
        return json.append(']').toString();
    }

    static String awardingBody() {
        return """
                {"legalName": "Universidade de Benchmark", "country": "PT",
                 "legalIdentifier": {"scheme": "VAT", "value": "PT501461108"},
                 "qualityAssurance": {"type": "EXTERNAL", "description": "A3ES"}}""";
    }
}
