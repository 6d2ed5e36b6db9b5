package eu.microcredentials.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The JSON Schema of each event type, used to check every event's data where it enters a service. */
public final class EventSchemas {
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).regularExpressionFactory(new SchemaPatterns()).build();
    private static final Map<EventType, JsonSchema> SCHEMAS = load();

    private EventSchemas() {
    }

    private static Map<EventType, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventSchemas.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no schema for " + type.type() + " at " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in, ASSERT_FORMATS));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the schema of " + type.type(), e);
            }
        }
        return schemas;
    }

    /** Throws a {@link ContractViolation} naming each place where the data breaks its type's schema. */
    public static void check(EventType type, byte[] data) {
        validated(type, data);
    }

    /** As {@link #check}, answering the data read as a JSON tree, so that it need not be parsed again. */
    public static JsonNode validated(EventType type, byte[] data) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(data);
        } catch (IOException e) {
            throw new ContractViolation("data is not JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new ContractViolation("data of " + type.type() + " must be a JSON object");
        }
        Set<ValidationMessage> messages = SCHEMAS.get(type).validate(json);
        if (!messages.isEmpty()) {
            throw new ContractViolation("data breaks the schema of " + type.type() + ": "
                    + messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        return json;
    }
}
