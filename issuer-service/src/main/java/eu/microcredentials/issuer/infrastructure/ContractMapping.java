package eu.microcredentials.issuer.infrastructure;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.QualityAssurance;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.events.data.SigningKeyRetired;
import eu.microcredentials.events.data.StackingDisabled;
import eu.microcredentials.events.data.StackingEnabled;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyEvent;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyProfile;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import eu.microcredentials.issuer.domain.awardingbody.StackingTerms;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.CredentialStatus;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.credential.Reason;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import eu.microcredentials.issuer.domain.credential.Stacking;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Translates between the issuer's domain events and the public event contract, both ways: domain
 * events become contract data when stored, and stored data becomes domain events when a stream is
 * replayed. The domain can change its shape without changing what subscribers receive.
 */
public final class ContractMapping {
    public static final String REVOCATION = "revocation";
    public static final String SUSPENSION = "suspension";

    private ContractMapping() {
    }

    private static CredentialIssued.StatusEntry statusEntry(CredentialIssued issued, String purpose) {
        return issued.credentialStatus().stream().filter(entry -> purpose.equals(entry.statusPurpose())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("credential " + issued.credentialId()
                        + " has no " + purpose + " status entry"));
    }

    /** @param country the awarding body's country, for the {@code country} extension of every event */
    public static PendingEvent toContract(AwardingBodyEvent event, String country) {
        if (event instanceof AwardingBodyEvent.Registered registered) {
            AwardingBodyProfile profile = registered.profile();
            AwardingBodyRegistered data = new AwardingBodyRegistered(registered.awardingBodyId().toString(),
                    profile.legalName(), profile.country().value(),
                    profile.legalIdentifier() == null ? null : new AwardingBodyRegistered.LegalIdentifier(
                            profile.legalIdentifier().scheme(), profile.legalIdentifier().value()),
                    profile.website() == null ? null : profile.website().toString(),
                    profile.qualityAssurance() == null ? null : new QualityAssurance(
                            profile.qualityAssurance().type().name(), profile.qualityAssurance().description()),
                    registered.registeredAt(), registered.actor());
            return new PendingEvent(data, registered.registeredAt(), data.awardingBodyId(), data.country());
        }
        if (event instanceof AwardingBodyEvent.SigningKeyAdded added) {
            return new PendingEvent(new SigningKeyAdded(added.awardingBodyId().toString(), added.key().keyId(),
                    added.key().algorithm(), added.key().publicJwk(), added.activeFrom(), added.actor()), added.activeFrom(),
                    added.awardingBodyId().toString(), country);
        }
        if (event instanceof AwardingBodyEvent.SigningKeyRetired retired) {
            return new PendingEvent(new SigningKeyRetired(retired.awardingBodyId().toString(), retired.keyId(),
                    retired.retiredAt(), retired.actor()), retired.retiredAt(), retired.awardingBodyId().toString(),
                    country);
        }
        if (event instanceof AwardingBodyEvent.StackingEnabled enabled) {
            StackingTerms terms = enabled.terms();
            return new PendingEvent(new StackingEnabled(enabled.awardingBodyId().toString(), enabled.pathwayId(),
                    new StackingEnabled.Terms(terms.title(), terms.eqfLevel(), terms.ects()), enabled.actor(),
                    enabled.enabledAt()), enabled.enabledAt(), enabled.awardingBodyId().toString(), country);
        }
        if (event instanceof AwardingBodyEvent.StackingDisabled disabled) {
            return new PendingEvent(new StackingDisabled(disabled.awardingBodyId().toString(), disabled.pathwayId(),
                    disabled.actor(), disabled.disabledAt()), disabled.disabledAt(),
                    disabled.awardingBodyId().toString(), country);
        }
        throw new IllegalArgumentException("unmapped awarding body event " + event);
    }

    public static AwardingBodyEvent awardingBodyEvent(EventEnvelope envelope) {
        EventData data = envelope.decode();
        if (data instanceof AwardingBodyRegistered registered) {
            return new AwardingBodyEvent.Registered(AwardingBodyId.parse(registered.awardingBodyId()),
                    new AwardingBodyProfile(registered.legalName(), new CountryCode(registered.country()),
                            registered.legalIdentifier() == null ? null : new AwardingBodyProfile.LegalIdentifier(
                                    registered.legalIdentifier().scheme(), registered.legalIdentifier().value()),
                            registered.website() == null ? null : URI.create(registered.website()),
                            registered.qualityAssurance() == null ? null : new MicroCredential.QualityAssurance(
                                    MicroCredential.QualityAssuranceType.valueOf(registered.qualityAssurance().type()),
                                    registered.qualityAssurance().description())),
                    registered.registeredAt(), registered.actor());
        }
        if (data instanceof SigningKeyAdded added) {
            return new AwardingBodyEvent.SigningKeyAdded(AwardingBodyId.parse(added.awardingBodyId()),
                    new SigningKey.PublicKey(added.keyId(), added.algorithm(), added.publicKeyJwk()), added.activeFrom(),
                    added.actor());
        }
        if (data instanceof SigningKeyRetired retired) {
            return new AwardingBodyEvent.SigningKeyRetired(AwardingBodyId.parse(retired.awardingBodyId()),
                    retired.keyId(), retired.retiredAt(), retired.actor());
        }
        if (data instanceof StackingEnabled enabled) {
            return new AwardingBodyEvent.StackingEnabled(AwardingBodyId.parse(enabled.awardingBodyId()),
                    enabled.pathwayId(), new StackingTerms(enabled.terms().title(), enabled.terms().eqfLevel(),
                    enabled.terms().ects()), enabled.actor(), enabled.enabledAt());
        }
        if (data instanceof StackingDisabled disabled) {
            return new AwardingBodyEvent.StackingDisabled(AwardingBodyId.parse(disabled.awardingBodyId()),
                    disabled.pathwayId(), disabled.actor(), disabled.disabledAt());
        }
        throw new IllegalArgumentException("not an awarding body event: " + envelope);
    }

    public static PendingEvent toContract(CredentialEvent event) {
        if (event instanceof CredentialEvent.Issued issued) {
            MicroCredential content = issued.content();
            CredentialIssued data = new CredentialIssued(
                    issued.credentialId().toString(),
                    issued.awardingBody().toString(),
                    content.coAwardingBodies().stream().map(AwardingBodyId::toString).toList(),
                    content.issuerCountries().stream().map(CountryCode::value).toList(),
                    new CredentialIssued.Learner(content.learner().id().toString(), content.learner().givenName(),
                            content.learner().familyName(), content.learner().dateOfBirth()),
                    content.title(),
                    content.issuedOn(),
                    content.learningOutcomes().stream().map(outcome -> new CredentialIssued.LearningOutcome(
                            outcome.description(), outcome.escoSkill() == null ? null : outcome.escoSkill().toString()))
                            .toList(),
                    new CredentialIssued.Workload(content.workload().ects(), content.workload().hours()),
                    content.level() == null ? null : new CredentialIssued.Level(content.level().eqf(),
                            content.level().qfEhea() == null ? null : content.level().qfEhea().name()),
                    new CredentialIssued.Assessment(content.assessment().type().name(), content.assessment().description()),
                    new CredentialIssued.Participation(content.participation().form().name(),
                            content.participation().description()),
                    new QualityAssurance(content.qualityAssurance().type().name(),
                            content.qualityAssurance().description()),
                    content.prerequisites(),
                    content.supervision() == null ? null : new CredentialIssued.Supervision(
                            content.supervision().supervised(), content.supervision().identityVerification() == null
                            ? null : content.supervision().identityVerification().name()),
                    content.grade(),
                    content.stackability() == null ? null : new CredentialIssued.Stackability(
                            content.stackability().stackable(), content.stackability().description()),
                    content.furtherInformation(),
                    issued.signed().compactJwt(), issued.signed().keyId(), List.of(
                            new CredentialIssued.StatusEntry(REVOCATION, issued.signed().statusListIndex(),
                                    issued.signed().revocationList().toString()),
                            new CredentialIssued.StatusEntry(SUSPENSION, issued.signed().statusListIndex(),
                                    issued.signed().suspensionList().toString())),
                    issued.supersedes() == null ? null : issued.supersedes().toString(),
                    issued.issuedAt(),
                    issued.stacking() == null ? null : new CredentialIssued.PathwayCompletion(
                            issued.stacking().pathwayId(), issued.stacking().completionId(),
                            issued.stacking().parts().stream().map(CredentialId::toString).toList()),
                    issued.actor());
            return new PendingEvent(data, issued.issuedAt(), data.awardingBodyId(), issued.awardingBodyCountry().value());
        }
        String awardingBody = event.awardingBody().toString();
        String country = event.awardingBodyCountry().value();
        if (event instanceof CredentialEvent.Revoked revoked) {
            return new PendingEvent(new CredentialRevoked(revoked.credentialId().toString(), awardingBody,
                    revoked.reason().text(), revoked.effectiveFrom(), revoked.actor(),
                    revoked.supersededBy() == null ? null : revoked.supersededBy().toString(), revoked.revokedAt()),
                    revoked.revokedAt(), awardingBody, country);
        }
        if (event instanceof CredentialEvent.Suspended suspended) {
            return new PendingEvent(new CredentialSuspended(suspended.credentialId().toString(), awardingBody,
                    suspended.reason().text(), suspended.actor(), suspended.suspendedAt()),
                    suspended.suspendedAt(), awardingBody, country);
        }
        if (event instanceof CredentialEvent.Reinstated reinstated) {
            return new PendingEvent(new CredentialReinstated(reinstated.credentialId().toString(), awardingBody,
                    reinstated.reason().text(), reinstated.actor(), reinstated.reinstatedAt()),
                    reinstated.reinstatedAt(), awardingBody, country);
        }
        throw new IllegalArgumentException("unmapped credential event " + event);
    }

    /** The credential events that change its status. */
    public static final List<EventType> STATUS_CHANGES = List.of(EventType.CREDENTIAL_REVOKED,
            EventType.CREDENTIAL_SUSPENDED, EventType.CREDENTIAL_REINSTATED);

    /** The status a credential is in after an event of this type; empty for events of other streams. */
    public static Optional<CredentialStatus> statusAfter(EventType type) {
        switch (type) {
            case CREDENTIAL_ISSUED:
            case CREDENTIAL_REINSTATED:
                return Optional.of(CredentialStatus.ACTIVE);
            case CREDENTIAL_SUSPENDED:
                return Optional.of(CredentialStatus.SUSPENDED);
            case CREDENTIAL_REVOKED:
                return Optional.of(CredentialStatus.REVOKED);
            default:
                return Optional.empty();
        }
    }

    public static CredentialEvent credentialEvent(EventEnvelope envelope) {
        EventData data = envelope.decode();
        if (data instanceof CredentialIssued issued) {
            MicroCredential content = content(issued.learner(), issued.title(), issued.issuerCountries(),
                    issued.coAwardingBodyIds(), issued.issuedOn(), issued.learningOutcomes(), issued.workload(),
                    issued.level(), issued.assessment(), issued.participation(), issued.qualityAssurance(),
                    issued.prerequisites(), issued.supervision(), issued.grade(), issued.stackability(),
                    issued.furtherInformation());
            return new CredentialEvent.Issued(CredentialId.parse(issued.credentialId()),
                    AwardingBodyId.parse(issued.awardingBodyId()), new CountryCode(envelope.country()), content,
                    issued.issuedAt(), new SignedCredential(issued.verifiableCredential(), issued.signingKeyId(),
                    statusEntry(issued, REVOCATION).statusListIndex(),
                    URI.create(statusEntry(issued, REVOCATION).statusListCredential()),
                    URI.create(statusEntry(issued, SUSPENSION).statusListCredential())),
                    issued.supersedes() == null ? null : CredentialId.parse(issued.supersedes()),
                    issued.pathwayCompletion() == null ? null : new Stacking(issued.pathwayCompletion().pathwayId(),
                            issued.pathwayCompletion().completionId(), issued.pathwayCompletion().partCredentialIds()
                            .stream().map(CredentialId::parse).toList()),
                    issued.actor());
        }
        if (data instanceof CredentialRevoked revoked) {
            return new CredentialEvent.Revoked(CredentialId.parse(revoked.credentialId()),
                    AwardingBodyId.parse(revoked.awardingBodyId()), new CountryCode(envelope.country()),
                    new Reason(revoked.reason()),
                    revoked.effectiveFrom() == null ? revoked.revokedAt() : revoked.effectiveFrom(), revoked.actor(),
                    revoked.supersededBy() == null ? null : CredentialId.parse(revoked.supersededBy()),
                    revoked.revokedAt());
        }
        if (data instanceof CredentialSuspended suspended) {
            return new CredentialEvent.Suspended(CredentialId.parse(suspended.credentialId()),
                    AwardingBodyId.parse(suspended.awardingBodyId()), new CountryCode(envelope.country()),
                    new Reason(suspended.reason()), suspended.actor(), suspended.suspendedAt());
        }
        if (data instanceof CredentialReinstated reinstated) {
            return new CredentialEvent.Reinstated(CredentialId.parse(reinstated.credentialId()),
                    AwardingBodyId.parse(reinstated.awardingBodyId()), new CountryCode(envelope.country()),
                    new Reason(reinstated.reason()), reinstated.actor(), reinstated.reinstatedAt());
        }
        throw new IllegalArgumentException("not a credential event: " + envelope);
    }

    /**
     * The content of a credential from the contract's elements (those of an issued credential, or those a
     * pathway fixes for a stacked one); a value the domain refuses throws IllegalArgumentException.
     */
    public static MicroCredential content(CredentialIssued.Learner learner, String title, List<String> issuerCountries,
                                          List<String> coAwardingBodyIds, LocalDate issuedOn,
                                          List<CredentialIssued.LearningOutcome> learningOutcomes,
                                          CredentialIssued.Workload workload, CredentialIssued.Level level,
                                          CredentialIssued.Assessment assessment,
                                          CredentialIssued.Participation participation,
                                          QualityAssurance qualityAssurance, String prerequisites,
                                          CredentialIssued.Supervision supervision, String grade,
                                          CredentialIssued.Stackability stackability, String furtherInformation) {
        return new MicroCredential(
                new MicroCredential.Learner(URI.create(learner.id()), learner.givenName(), learner.familyName(),
                        learner.dateOfBirth()),
                title,
                issuerCountries.stream().map(CountryCode::new).toList(),
                coAwardingBodyIds == null ? List.of() : coAwardingBodyIds.stream().map(AwardingBodyId::parse).toList(),
                issuedOn,
                learningOutcomes.stream().map(outcome -> new MicroCredential.LearningOutcome(
                        outcome.description(), outcome.escoSkill() == null ? null : URI.create(outcome.escoSkill())))
                        .toList(),
                new MicroCredential.Workload(workload.ects(), workload.hours()),
                level == null ? null : new MicroCredential.Level(level.eqf(),
                        level.qfEhea() == null ? null : MicroCredential.QfEheaCycle.valueOf(level.qfEhea())),
                new MicroCredential.Assessment(MicroCredential.AssessmentType.valueOf(assessment.type()),
                        assessment.description()),
                new MicroCredential.Participation(MicroCredential.ParticipationForm.valueOf(participation.form()),
                        participation.description()),
                new MicroCredential.QualityAssurance(
                        MicroCredential.QualityAssuranceType.valueOf(qualityAssurance.type()),
                        qualityAssurance.description()),
                prerequisites,
                supervision == null ? null : new MicroCredential.Supervision(
                        Boolean.TRUE.equals(supervision.supervised()), supervision.identityVerification() == null
                        ? null : MicroCredential.IdentityVerification.valueOf(supervision.identityVerification())),
                grade,
                stackability == null ? null : new MicroCredential.Stackability(
                        Boolean.TRUE.equals(stackability.stackable()), stackability.description()),
                furtherInformation);
    }
}
