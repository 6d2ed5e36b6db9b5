package eu.microcredentials.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Request bodies a national registry or an awarding body would send to issuer-service. */
final class Requests {
    private Requests() {
    }

    static ObjectNode awardingBody(String legalName) {
        return awardingBody(legalName, "PT");
    }

    /** @param country ISO 3166-1 alpha-2: the {@code ce_country} of every event of the body's credentials */
    static ObjectNode awardingBody(String legalName, String country) {
        return JsonHttp.JSON.createObjectNode().put("legalName", legalName).put("country", country);
    }

    /** A unique learner identifier, so that each run's learner view starts empty. */
    static String newLearnerId() {
        return "mailto:ana.silva." + UUID.randomUUID() + "@example.org";
    }

    /** A credential with every element of the EU standard, the optional ones included. */
    static ObjectNode fullCredential(String learnerId) {
        return fullCredential(learnerId, "PT");
    }

    /** The same, issued in another country. */
    static ObjectNode fullCredential(String learnerId, String issuerCountry) {
        return parse("""
                {
                  "learner": {"id": "%s", "givenName": "Ana", "familyName": "Silva", "dateOfBirth": "1999-04-02"},
                  "title": "Applied Machine Learning",
                  "issuerCountries": ["%s"],
                  "issuedOn": "2026-11-20",
                  "learningOutcomes": [{"description": "Train and evaluate supervised models",
                                        "escoSkill": "http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"}],
                  "workload": {"ects": 3, "hours": 75},
                  "level": {"eqf": 6, "qfEhea": "FIRST_CYCLE"},
                  "assessment": {"type": "WRITTEN_EXAM", "description": "Proctored 2-hour exam"},
                  "participation": {"form": "ONLINE"},
                  "qualityAssurance": {"type": "EXTERNAL", "description": "Programme accredited by A3ES"},
                  "prerequisites": "Python programming",
                  "supervision": {"supervised": true, "identityVerification": "ONLINE"},
                  "grade": "18/20",
                  "stackability": {"stackable": true, "description": "Counts towards the Data Science certificate"},
                  "furtherInformation": "https://example.org/courses/aml"
                }""".formatted(learnerId, issuerCountry));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JsonHttp.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
