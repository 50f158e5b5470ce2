package dev.marcus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();

    @Test
    void hashesVerifyTheRightPasswordOnly_andAreSaltedEachTime() {
        String a = hasher.hash("correct horse battery".toCharArray());
        String b = hasher.hash("correct horse battery".toCharArray());
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b).doesNotContain("horse");
        assertThat(hasher.verify("correct horse battery".toCharArray(), a)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), a)).isFalse();
        assertThat(hasher.verify("".toCharArray(), a)).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
    }

    @Test
    void nonAsciiPasswordsWork() {
        String h = hasher.hash("pässwörd ✓ 密码 long enough".toCharArray());
        assertThat(hasher.verify("pässwörd ✓ 密码 long enough".toCharArray(), h)).isTrue();
        assertThat(hasher.verify("passwoerd ✓ 密码 long enough".toCharArray(), h)).isFalse();
    }

    @Test
    void malformedOrForeignEncodings_areRefusedWithoutAnException() {
        char[] pw = "whatever password".toCharArray();
        assertThat(hasher.verify(pw, null)).isFalse();
        assertThat(hasher.verify(pw, "")).isFalse();
        assertThat(hasher.verify(pw, "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify(pw, "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify(pw, "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.needsRehash("$2a$10$abc")).isTrue();
    }

    @Test
    void weakerOldHashesStillVerify_butAskToBeRehashed() {
        String cheap = new Argon2idPasswordHasher(64, 1, 1).hash("an old password".toCharArray());
        assertThat(hasher.verify("an old password".toCharArray(), cheap)).isTrue();
        assertThat(hasher.needsRehash(cheap)).isTrue();
    }

    @Test
    void theEncodingIsStandardArgon2id_readableByOtherTools() {
        // recompute the hash of our encoding directly with the reference parameters: same bytes
        String encoded = new Argon2idPasswordHasher(64, 1, 1).hash("interop check!".toCharArray());
        String[] parts = encoded.split("\\$");
        byte[] salt = java.util.Base64.getDecoder().decode(parts[4]);
        byte[] expected = java.util.Base64.getDecoder().decode(parts[5]);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13).withMemoryAsKB(64)
                .withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        g.generateBytes("interop check!".getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void theLibraryComputesTheRfc9106Argon2idTestVector() {
        // RFC 9106, section 5.3: the argon2id vector (32 KiB, 3 passes, 4 lanes, with secret and associated data)
        byte[] password = new byte[32];
        java.util.Arrays.fill(password, (byte) 1);
        byte[] salt = new byte[16];
        java.util.Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        java.util.Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        java.util.Arrays.fill(ad, (byte) 4);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13).withMemoryAsKB(32)
                .withIterations(3).withParallelism(4).withSalt(salt).withSecret(secret).withAdditional(ad).build());
        byte[] out = new byte[32];
        g.generateBytes(password, out);
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void printsTheCostOfOneCheck() {
        String h = hasher.hash("timing the default cost".toCharArray());
        long start = System.nanoTime();
        int n = 5;
        for (int i = 0; i < n; i++) {
            assertThat(hasher.verify("timing the default cost".toCharArray(), h)).isTrue();
        }
        System.out.printf("FIGURE argon2id m=19456,t=2,p=1 verify: %.1f ms each%n", (System.nanoTime() - start) / 1e6 / n);
    }
}
