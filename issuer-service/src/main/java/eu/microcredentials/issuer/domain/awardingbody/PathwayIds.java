package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.Text;
import java.util.regex.Pattern;

/** A learning pathway's id as recognition-service names it: up to 200 letters, digits, '.', '_', ':' or '-'. */
public final class PathwayIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private PathwayIds() {
    }

    public static String check(String pathwayId) {
        String id = Text.required(pathwayId, 200);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a pathway id has only letters, digits, '.', '_', ':' and '-'; was " + id);
        }
        return id;
    }
}
