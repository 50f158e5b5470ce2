package dev.marcus.core.port;

import dev.marcus.core.service.InProcessEventBus;

class InProcessEventBusTest extends EventBusContract {
    @Override
    protected EventBus newBus() {
        return new InProcessEventBus();
    }
}
