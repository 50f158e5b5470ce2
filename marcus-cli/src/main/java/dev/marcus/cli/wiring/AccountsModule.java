package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.ConfigException;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.port.AccountStore;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.PasswordHasher;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.security.Argon2idPasswordHasher;
import dev.marcus.storage.sql.SqlStorageBackend;
import jakarta.inject.Singleton;

/**
 * Accounts: kept in the same database as the coordination data (migration V5), passwords hashed with argon2id.
 * Built only when a command asks for them ({@code serve} with accounts on, {@code user}, {@code token}), so
 * {@code marcus mcp} never pays for them.
 */
@Module
public interface AccountsModule {

    @Provides
    @Singleton
    static AccountStore accountStore(StorageBackend storage) {
        if (storage instanceof SqlStorageBackend sql) {
            return sql.accounts();
        }
        throw new ConfigException("accounts need the SQLite or PostgreSQL store, not " + storage.describe());
    }

    @Provides
    @Singleton
    static PasswordHasher passwordHasher() {
        return new Argon2idPasswordHasher();
    }

    @Provides
    @Singleton
    static AccountService accounts(AccountStore store, PasswordHasher hasher, StorageBackend storage, Clock clock) {
        return new AccountService(store, hasher, storage, clock);
    }
}
