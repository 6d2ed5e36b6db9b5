package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an awarding body agrees to sign for a learning pathway: the stacked credential's title, EQF level and ECTS.
 * A completion whose target differs from them in any of these is refused, so a pathway defined elsewhere cannot
 * make the body sign something else than it agreed to.
 */
public record StackingTerms(String title, int eqfLevel, BigDecimal ects) {
    public StackingTerms {
        title = Text.required(title, 300);
        MicroCredential.Level.checkEqf(eqfLevel);
        MicroCredential.Workload.checkEcts(ects);
    }

    /** How a completion's target differs from these terms, one sentence per element; none if it matches. */
    public List<String> differences(String targetTitle, Integer targetEqfLevel, BigDecimal targetEcts) {
        List<String> differences = new ArrayList<>();
        if (targetTitle == null || !title.equals(targetTitle.strip())) {
            differences.add("the target's title \"" + targetTitle + "\" is not the agreed \"" + title + "\"");
        }
        if (!Objects.equals(eqfLevel, targetEqfLevel)) {
            differences.add("the target's EQF level " + targetEqfLevel + " is not the agreed " + eqfLevel);
        }
        if (targetEcts == null || ects.compareTo(targetEcts) != 0) {
            differences.add("the target's " + (targetEcts == null ? "missing" : targetEcts.toPlainString())
                    + " ECTS are not the agreed " + ects.toPlainString());
        }
        return differences;
    }
}
