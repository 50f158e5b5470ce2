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
}
