package dev.marcus.cache;

import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/** Builds Jedis 8 clients from {@link RedisSettings}. */
final class RedisConnections {
    private RedisConnections() {
    }

    static HostAndPort hostAndPort(RedisSettings s) {
        return JedisURIHelper.getHostAndPort(s.url());
    }

    static JedisClientConfig clientConfig(RedisSettings s, Duration readTimeout, String name) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) s.timeout().toMillis())
                .socketTimeoutMillis((int) readTimeout.toMillis())
                .clientName(name)
                .ssl(JedisURIHelper.isRedisSSLScheme(s.url()));
        if (JedisURIHelper.hasDbIndex(s.url())) {
            b.database(JedisURIHelper.getDBIndex(s.url()));
        }
        String user = JedisURIHelper.getUser(s.url());
        String password = JedisURIHelper.getPassword(s.url());
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        return b.build();
    }

    /** A pooled client whose every command, and every wait for a pooled connection, is bounded by the timeout. */
    static RedisClient pooled(RedisSettings s, String name) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(s.poolSize());
        pool.setMaxIdle(s.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(s.timeout());
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(false);
        return RedisClient.builder()
                .hostAndPort(hostAndPort(s))
                .clientConfig(clientConfig(s, s.timeout(), name))
                .poolConfig(pool)
                .build();
    }
}
