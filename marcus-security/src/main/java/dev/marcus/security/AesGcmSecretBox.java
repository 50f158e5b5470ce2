package dev.marcus.security;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.port.SecretBox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretBox} with AES-256-GCM: a sealed secret is {@code v1:} and the base64 of a random 12-byte nonce and the
 * ciphertext with its tag, so a changed byte or another key is detected. The key comes from {@code MARCUS_SECRET_KEY}
 * (base64 of 32 bytes; every replica needs the same one) or else from {@code secret.key} in {@code MARCUS_HOME},
 * created (owner read/write only) on first use.
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public AesGcmSecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (base64 of 32 bytes), not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key from {@code env} (base64) when set, else from {@code home/secret.key}, created when missing. */
    public static AesGcmSecretBox fromEnvOrHome(String env, Path home) {
        if (env != null && !env.isBlank()) {
            try {
                return new AesGcmSecretBox(Base64.getDecoder().decode(env.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MARCUS_SECRET_KEY: " + e.getMessage()
                        + "; make one with `openssl rand -base64 32`");
            }
        }
        Path file = home.resolve("secret.key");
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                create(home, file);
            }
            return new AesGcmSecretBox(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read or create the secret key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a fresh key beside {@code file} and links it into place, so no process ever reads a half-written key: a
     * reader sees no file or the whole key. When another process wins the race its key is kept. An empty file, left by
     * an older Marcus killed between creating and writing it, never sealed anything and is replaced.
     */
    private static synchronized void create(Path home, Path file) throws IOException {
        Files.createDirectories(home);
        try (FileChannel lock = FileChannel.open(home.resolve(".secret.key.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            if (Files.exists(file) && Files.size(file) > 0) {
                return;
            }
            writeFresh(home, file);
        }
    }

    private static void writeFresh(Path home, Path file) throws IOException {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Path draft = Files.createTempFile(home, ".secret.key.", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException noPosix) {
                // the file system has no POSIX permissions: the home directory's own protection applies
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.WRITE);
            if (Files.exists(file) && Files.size(file) == 0) {
                Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            try {
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            } catch (UnsupportedOperationException noLinks) {
                try {
                    Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    @Override
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new BackendUnavailableException("a stored secret is not in a known sealed form", null);
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BackendUnavailableException("a stored secret cannot be opened with this installation's key "
                    + "(MARCUS_SECRET_KEY or secret.key differs from the one it was sealed with)", e);
        }
    }
}
