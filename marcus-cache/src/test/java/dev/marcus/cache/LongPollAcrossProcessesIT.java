package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.CrossProcessEvents;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code request_next_task} long-poll in "process B" wakes within milliseconds of a completion in "process A".
 *
 * <p>Why two cores in one JVM stand for two processes here: each core has its own {@link RedisEventBus}, with its own
 * Jedis pool and its own subscriber connection, so an event goes A → Redis → B exactly as between processes; the two
 * cores share only the store (as processes share a database) and neither runs the relay's table tail, so Redis
 * pub/sub is the only way B can hear of A's change. (B would still find the task at its own once-a-second re-check;
 * the figures below show it is woken long before that. {@link CrossProcessEventIT} runs a real second JVM.)
 */
class LongPollAcrossProcessesIT {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();

    @Test
    void aWaitingRequestNextTask_returnsWithinASecondOfATaskBecomingFreeInAnotherProcess() throws Exception {
        RedisSettings settings = REDIS.freshSettings();
        InMemoryStorageBackend store = new InMemoryStorageBackend();
        try (RedisEventBus busA = new RedisEventBus(settings);
             RedisEventBus busB = new RedisEventBus(settings);
             MarcusCore a = MarcusCore.builder(store).eventBus(busA).build();
             MarcusCore b = MarcusCore.builder(store).eventBus(busB).build()) {
            assertThat(busB.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
            List<Long> wakeMillis = CrossProcessEvents.longPollWakes(a, b);
            System.out.printf("FIGURE long-poll wake across processes over Redis: %s ms (sorted)%n", wakeMillis);
        }
    }
}
