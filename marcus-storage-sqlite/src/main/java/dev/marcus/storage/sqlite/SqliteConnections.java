package dev.marcus.storage.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteDataSource;

/**
 * A small pool of connections to one SQLite file: at most {@code size} open at once, idle ones reused.
 * Connections that failed or were closed are dropped, so a broken one is never handed out twice.
 */
final class SqliteConnections implements ConnectionProvider, AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final SQLiteDataSource dataSource;
    private final String store;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    SqliteConnections(SQLiteDataSource dataSource, String store, int size) {
        this.dataSource = dataSource;
        this.store = store;
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection acquire() {
        if (closed) {
            throw new DataAccessException(store + " is closed");
        }
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new DataAccessException(store + ": no free connection after " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException(store + ": interrupted while waiting for a connection", e);
        }
        try {
            for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
                if (!c.isClosed()) {
                    return c;
                }
            }
            return dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw new DataAccessException(store + ": cannot open a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(Connection c) {
        try {
            if (closed || c.isClosed()) {
                closeQuietly(c);
            } else {
                idle.offerFirst(c);
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is best effort; the file lock goes with the handle
        }
    }
}
