package eu.microcredentials.recognition.support;

import eu.microcredentials.testsupport.ContractProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that publishes contract events to the Kafka the service under test consumes, as an issuer or registry would. */
public abstract class ContractKafkaTest {
    protected ContractProducer kafka;

    protected static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @BeforeEach
    void connectToKafka() {
        kafka = new ContractProducer(bootstrapServers());
    }

    @AfterEach
    void disconnectFromKafka() {
        kafka.close();
    }
}
