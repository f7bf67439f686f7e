package org.esscard.benchmarks;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.esscard.platform.privacy.Pseudonyms;

/**
 * Fills an erasure ledger for {@code benchmarks/erasure-replay.sh} (issue 18): {@code restored} entries for permits the
 * benchmark's database holds ({@code B} and 12 digits, from 1: the holders a restore brought back) and {@code others}
 * for holders it does not hold, as permit-service writes them ({@code ErasureRecorded}, keyed by the pseudonym).
 *
 * <pre>java -cp benchmarks.jar:lib/* org.esscard.benchmarks.ErasureLedgerLoad bootstrap topic key restored others</pre>
 */
public final class ErasureLedgerLoad {

    private ErasureLedgerLoad() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        Pseudonyms pseudonyms = Pseudonyms.withKey(args[2]);
        int restored = Integer.parseInt(args[3]);
        int others = Integer.parseInt(args[4]);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        String at = Instant.now().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 1; i <= restored + others; i++) {
                String pseudonym = i <= restored ? pseudonyms.of("B" + String.format("%012d", i))
                        : "~" + String.format("%019x", ThreadLocalRandom.current().nextLong() >>> 1).substring(0, 19);
                String value = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/esscard/permit-service\","
                        + "\"type\":\"esscard.permit.ErasureRecorded.v1\",\"subject\":\"" + pseudonym + "\",\"time\":\"" + at + "\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"pseudonym\":\"" + pseudonym
                        + "\",\"reason\":\"RETENTION\",\"erasedAt\":\"" + at + "\"}}";
                producer.send(new ProducerRecord<>(topic, pseudonym, value));
            }
            producer.flush();
        }
        System.out.printf("ledger %s: %d entries, %d of them for permits the database holds%n", topic, restored + others, restored);
    }
}
