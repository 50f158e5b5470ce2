package dev.marcus.core.testkit;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.AccountStore;
import dev.marcus.core.port.AccountStoreContract;

class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    protected AccountStore newStore() {
        return new InMemoryAccountStore();
    }

    @Override
    protected ProjectId createProject(String name) {
        return new ProjectId("proj-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    }
}
