package dev.marcus.storage.sql;

import static dev.marcus.storage.sql.Db.*;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.port.OperationsStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link OperationsStore} on the same database as its {@link SqlStorageBackend}: every figure is one aggregate
 * query (a {@code GROUP BY} over the status index, counts over agents and blockers), so a scrape costs the same few
 * statements whether a project has a hundred tasks or a hundred thousand.
 */
final class SqlOperations implements OperationsStore {
    static final Table<Record> ROLLUPS = table(name("analytics_rollups"));
    private static final Field<String> U_WS = field(name("analytics_rollups", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> U_PROJECT = field(name("analytics_rollups", "project_id"), SQLDataType.VARCHAR);
    private static final Field<String> U_DAY = field(name("analytics_rollups", "day"), SQLDataType.VARCHAR);
    private static final Field<String> U_TYPE = field(name("analytics_rollups", "event_type"), SQLDataType.VARCHAR);
    private static final Field<Long> U_COUNT = field(name("analytics_rollups", "count"), SQLDataType.BIGINT);
    private static final Field<Long> U_CREATED = field(name("analytics_rollups", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> U_UPDATED = field(name("analytics_rollups", "updated_at"), SQLDataType.BIGINT);

    private final SqlStorageBackend db;

    SqlOperations(SqlStorageBackend db) {
        this.db = db;
    }

    @Override
    public Readings readings(Instant now, Duration silentAfter) {
        long heard = now.minus(silentAfter).toEpochMilli();
        return db.read("read the operational figures", ctx -> {
            // group the tasks alone (a scan of the covering index tasks_status), then drop archived projects here:
            // joining projects in the query cost a lookup per task (200 ms at 100,000 tasks on SQLite)
            java.util.Set<String> live = ctx.select(P_ID).from(PROJECTS).where(P_ARCHIVED_AT.isNull()).fetchSet(P_ID);
            Map<String, int[]> byProject = new java.util.TreeMap<>();
            for (Record r : ctx.select(T_PROJECT, T_STATUS, count())
                    .from(TASKS)
                    .groupBy(T_PROJECT, T_STATUS)
                    .fetch()) {
                if (!live.contains(r.get(T_PROJECT))) {
                    continue;
                }
                int[] c = byProject.computeIfAbsent(r.get(T_PROJECT), k -> new int[4]);
                int n = r.get(2, Integer.class);
                switch (r.get(T_STATUS)) {
                    case "todo" -> c[0] = n;
                    case "in_progress" -> c[1] = n;
                    case "blocked" -> c[2] = n;
                    case "done" -> c[3] = n;
                    default -> {
                    }
                }
            }
            List<ProjectTasks> tasks = new ArrayList<>();
            byProject.forEach((p, c) -> tasks.add(new ProjectTasks(new ProjectId(p), new TaskCounts(c[0], c[1], c[2], c[3]))));
            int active = ctx.fetchCount(AGENTS, A_LAST_SEEN_AT.ge(heard));
            // per agent, one probe of the unique index on tasks(assignee)
            int silent = ctx.fetchCount(AGENTS, A_LAST_SEEN_AT.lt(heard).and(exists(selectOne().from(TASKS)
                    .where(T_ASSIGNEE.eq(A_ID)).and(T_STATUS.eq(inline("in_progress"))))));
            int blockers = ctx.fetchCount(BLOCKERS, B_RESOLVED_AT.isNull());
            // (project_id, status) is indexed: in-progress rows are found without reading the others
            Long oldest = live.isEmpty() ? null : ctx.select(min(T_ASSIGNED_AT)).from(TASKS)
                    .where(T_PROJECT.in(live)).and(T_STATUS.eq(inline("in_progress")))
                    .fetchOne(0, Long.class);
            return new Readings(tasks, active, silent, blockers, SqlStorageBackend.inst(oldest));
        });
    }

    @Override
    public long rollUp(long afterId, int limit, Instant now) {
        long t = now.toEpochMilli();
        return db.write("roll up events after " + afterId, ctx -> {
            var page = ctx.select(E_ID, E_PROJECT, E_TYPE, E_AT)
                    .from(EVENTS)
                    .where(E_ID.gt(afterId))
                    .orderBy(E_ID)
                    .limit(Math.max(1, limit))
                    .fetch();
            if (page.isEmpty()) {
                return afterId;
            }
            Map<List<String>, Long> counts = new LinkedHashMap<>();
            for (Record r : page) {
                if (r.get(E_PROJECT) == null) {
                    continue;
                }
                String day = Instant.ofEpochMilli(r.get(E_AT)).atZone(ZoneOffset.UTC).toLocalDate().toString();
                counts.merge(List.of(r.get(E_PROJECT), day, r.get(E_TYPE)), 1L, Long::sum);
            }
            for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
                List<String> k = e.getKey();
                int updated = ctx.update(ROLLUPS)
                        .set(U_COUNT, U_COUNT.plus(e.getValue()))
                        .set(U_UPDATED, t)
                        .where(U_PROJECT.eq(k.get(0))).and(U_DAY.eq(k.get(1))).and(U_TYPE.eq(k.get(2)))
                        .execute();
                if (updated == 0) {
                    ctx.insertInto(ROLLUPS)
                            .set(U_WS, db.workspace()).set(U_PROJECT, k.get(0)).set(U_DAY, k.get(1)).set(U_TYPE, k.get(2))
                            .set(U_COUNT, e.getValue()).set(U_CREATED, t).set(U_UPDATED, t)
                            .execute();
                }
            }
            return page.get(page.size() - 1).get(E_ID);
        });
    }

    @Override
    public List<Rollup> rollups(ProjectId project, int days) {
        return db.read("read the roll-ups of " + project, ctx -> {
            List<String> recentDays = ctx.selectDistinct(U_DAY).from(ROLLUPS)
                    .where(U_PROJECT.eq(project.value()))
                    .orderBy(U_DAY.desc())
                    .limit(Math.max(0, days))
                    .fetch(U_DAY);
            if (recentDays.isEmpty()) {
                return List.of();
            }
            return ctx.select(U_PROJECT, U_DAY, U_TYPE, U_COUNT).from(ROLLUPS)
                    .where(U_PROJECT.eq(project.value())).and(U_DAY.in(recentDays))
                    .orderBy(U_DAY.desc(), U_TYPE)
                    .fetch(r -> new Rollup(new ProjectId(r.get(U_PROJECT)), r.get(U_DAY), r.get(U_TYPE), r.get(U_COUNT)));
        });
    }

    @Override
    public int deleteEventsThrough(long lastId, Instant cutoff) {
        return db.write("delete archived events", ctx -> ctx.deleteFrom(EVENTS)
                .where(E_ID.le(lastId))
                .and(E_AT.lt(cutoff.toEpochMilli()))
                .execute());
    }
}
