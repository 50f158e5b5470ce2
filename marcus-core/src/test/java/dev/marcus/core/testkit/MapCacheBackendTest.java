package dev.marcus.core.testkit;

import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.CacheBackendContract;

class MapCacheBackendTest extends CacheBackendContract {
    @Override
    protected CacheBackend newCache() {
        return new MapCacheBackend();
    }
}
