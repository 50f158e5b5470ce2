package dev.marcus.security;

import dev.marcus.core.port.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords hashed with argon2id (RFC 9106) through Bouncy Castle's pure-Java implementation, encoded in the PHC
 * string format that other tools read: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64).
 *
 * <p>The default cost is OWASP's recommendation (19 MiB, 2 passes, 1 lane): tens of milliseconds per check here,
 * far too slow for guessing at scale. Hashes made with a lower cost still verify, and {@link #needsRehash} tells the
 * caller to store a stronger one at the next successful sign-in.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    /** OWASP's recommended cost: 19 MiB of memory, 2 iterations, 1 lane. */
    public Argon2idPasswordHasher() {
        this(19_456, 2, 1);
    }

    public Argon2idPasswordHasher(int memoryKiB, int iterations, int parallelism) {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("argon2id needs memory >= 8 KiB per lane, iterations >= 1, lanes >= 1");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        try {
            int memory = Integer.parseInt(m.group(1));
            int passes = Integer.parseInt(m.group(2));
            int lanes = Integer.parseInt(m.group(3));
            if (lanes < 1 || passes < 1 || memory < 8 * lanes || memory > 4 * 1024 * 1024) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] expected = Base64.getDecoder().decode(m.group(5));
            byte[] actual = derive(password, salt, memory, passes, lanes, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return true;
        }
        return Integer.parseInt(m.group(1)) < memoryKiB || Integer.parseInt(m.group(2)) < iterations
                || Integer.parseInt(m.group(3)) < parallelism;
    }

    private static byte[] derive(char[] password, byte[] salt, int memory, int passes, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        byte[] utf8 = toUtf8(password);
        try {
            generator.generateBytes(utf8, out);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        java.nio.ByteBuffer buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return bytes;
    }
}
