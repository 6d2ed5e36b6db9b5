package eu.microcredentials.recognition.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A micro-credential a learner holds, with what recognition decisions look at. */
public record HeldCredential(String id, String learnerId, String awardingBodyId, String title, BigDecimal ects,
                             Integer eqfLevel, List<String> issuerCountries, LocalDate issuedOn, Status status,
                             Instant issuedAt) {

    /** Only an active credential can count towards a recognition or a pathway. */
    public enum Status { ACTIVE, SUSPENDED, REVOKED }

    public boolean counts() {
        return status == Status.ACTIVE;
    }

    /** The ECTS credits of the active credentials among these. */
    public static BigDecimal activeEcts(List<HeldCredential> credentials) {
        return credentials.stream().filter(HeldCredential::counts).map(HeldCredential::ects)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
