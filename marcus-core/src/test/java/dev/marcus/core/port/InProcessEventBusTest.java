package dev.marcus.core.port;

import dev.marcus.core.event.InProcessEventBus;

class InProcessEventBusTest extends EventBusContract {
    @Override
    protected EventBus newBus() {
        return new InProcessEventBus();
    }
}
