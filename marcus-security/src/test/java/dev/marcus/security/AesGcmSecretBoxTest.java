package dev.marcus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.BackendUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretBoxTest {
    @TempDir
    Path home;

    @Test
    void sealedSecret_opensWithTheSameKey_andDiffersEveryTime() {
        AesGcmSecretBox box = AesGcmSecretBox.fromEnvOrHome(null, home);
        String a = box.seal("whsec-abc");
        String b = box.seal("whsec-abc");
        assertThat(a).isNotEqualTo(b).doesNotContain("whsec");
        assertThat(AesGcmSecretBox.fromEnvOrHome(null, home).open(a)).isEqualTo("whsec-abc");
        assertThat(Files.exists(home.resolve("secret.key"))).isTrue();
    }

    @Test
    void anotherKeyOrAChangedByte_isRefused() {
        AesGcmSecretBox box = AesGcmSecretBox.fromEnvOrHome(null, home);
        String sealed = box.seal("s3cret");
        AesGcmSecretBox other = AesGcmSecretBox.fromEnvOrHome(Base64.getEncoder().encodeToString(new byte[32]), home);
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("MARCUS_SECRET_KEY");
        char[] c = sealed.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(c))).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void aKeyOfTheWrongLength_namesTheVariable() {
        assertThatThrownBy(() -> AesGcmSecretBox.fromEnvOrHome("c2hvcnQ=", home))
                .hasMessageContaining("MARCUS_SECRET_KEY").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void anEmptyKeyFileLeftByAKilledProcess_isReplaced_notRefused() throws Exception {
        Files.createFile(home.resolve("secret.key"));
        AesGcmSecretBox box = AesGcmSecretBox.fromEnvOrHome(null, home);
        assertThat(AesGcmSecretBox.fromEnvOrHome(null, home).open(box.seal("x"))).isEqualTo("x");
        assertThat(Files.readString(home.resolve("secret.key")).strip()).hasSize(44);
    }

    @Test
    void callersRacingOnAFreshHome_allGetTheOneKey() throws Exception {
        int callers = 16;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(callers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<AesGcmSecretBox>> boxes = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                boxes.add(pool.submit(() -> {
                    start.await();
                    return AesGcmSecretBox.fromEnvOrHome(null, home);
                }));
            }
            String sealed = boxes.get(0).get().seal("one key");
            for (java.util.concurrent.Future<AesGcmSecretBox> box : boxes) {
                assertThat(box.get().open(sealed)).isEqualTo("one key");
            }
        } finally {
            pool.shutdownNow();
        }
        try (java.util.stream.Stream<Path> left = Files.list(home)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain(".tmp").noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
