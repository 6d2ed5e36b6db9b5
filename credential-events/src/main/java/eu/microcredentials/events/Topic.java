package eu.microcredentials.events;

/** The Kafka topics of the public contract; each record's key is the id of the stream it belongs to. */
public enum Topic {
    AWARDING_BODIES("mc.awarding-bodies.v1", "awarding body id"),
    CREDENTIALS("mc.credentials.v1", "credential id"),
    ACCREDITATIONS("mc.accreditations.v1", "awarding body id"),
    RECOGNITIONS("mc.recognitions.v1", "recognition id (policy id, organisation id for their definitions)"),
    PATHWAYS("mc.pathways.v1", "pathway completion id (pathway id for its definition)");

    private final String topicName;
    private final String key;

    Topic(String topicName, String key) {
        this.topicName = topicName;
        this.key = key;
    }

    public String topicName() {
        return topicName;
    }

    /** What the record key holds. */
    public String key() {
        return key;
    }

    public static Topic ofName(String name) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("not a contract topic: " + name);
    }
}
