package eu.microcredentials.registry.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.StatusChangeEntry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The audit reports as documents an auditor can print and file: self-contained HTML (inline CSS, no script),
 * from Qute templates checked at build time that HTML-escape every value.
 */
public final class AuditDocuments {

    private AuditDocuments() {
    }

    public static String credential(CredentialAuditReport report) {
        return Templates.credential(report).render();
    }

    public static String awardingBody(AwardingBodyAuditReport report) {
        return Templates.awardingBody(report).render();
    }

    @CheckedTemplate(basePath = "audit-report")
    static class Templates {
        static native TemplateInstance credential(CredentialAuditReport report);

        static native TemplateInstance awardingBody(AwardingBodyAuditReport report);
    }

    /** One element of a JSON document, named by its path, e.g. {@code learningOutcomes[0].description}. */
    public record Element(String name, String value) {
    }

    /** Every value of the JSON document as a row, named by its path, in document order; empty arrays and objects too. */
    @TemplateExtension
    static List<Element> flattened(JsonNode node) {
        List<Element> elements = new ArrayList<>();
        flatten("", node, elements);
        return elements;
    }

    /** What a status change was: a suspension, a reinstatement or a revocation. */
    @TemplateExtension
    static String kind(StatusChangeEntry change) {
        return switch (change.status()) {
            case "SUSPENDED" -> "suspension";
            case "ACTIVE" -> "reinstatement";
            case "REVOKED" -> "revocation";
            default -> change.status();
        };
    }

    private static void flatten(String path, JsonNode node, List<Element> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.add(new Element(path, node.isValueNode() ? node.asText() : node.toString()));
        }
    }
}
