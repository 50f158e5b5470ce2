package dev.marcus.storage.sql;

import static dev.marcus.storage.sql.SqlStorageBackend.inst;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.integration.TaskLink;
import dev.marcus.core.integration.Webhook;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.IntegrationStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** {@link IntegrationStore} on the tables of migration V18, in its {@link SqlStorageBackend}'s database. */
final class SqlIntegrationStore implements IntegrationStore {
    private static final String WS = Db.DEFAULT_WORKSPACE;

    static final Table<Record> HOOKS = table(name("webhooks"));
    private static final Field<String> H_WS = field(name("webhooks", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> H_ID = field(name("webhooks", "id"), SQLDataType.VARCHAR);
    private static final Field<String> H_PROJECT = field(name("webhooks", "project_id"), SQLDataType.VARCHAR);
    private static final Field<String> H_URL = field(name("webhooks", "url"), SQLDataType.VARCHAR);
    private static final Field<String> H_FORMAT = field(name("webhooks", "format"), SQLDataType.VARCHAR);
    private static final Field<String> H_EVENTS = field(name("webhooks", "events"), SQLDataType.VARCHAR);
    private static final Field<String> H_SEALED = field(name("webhooks", "secret_sealed"), SQLDataType.VARCHAR);
    private static final Field<String> H_HINT = field(name("webhooks", "secret_hint"), SQLDataType.VARCHAR);
    private static final Field<Integer> H_ACTIVE = field(name("webhooks", "active"), SQLDataType.INTEGER);
    private static final Field<String> H_MAKER = field(name("webhooks", "created_by"), SQLDataType.VARCHAR);
    private static final Field<Long> H_CREATED = field(name("webhooks", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> H_UPDATED = field(name("webhooks", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> GITHUB = table(name("github_hooks"));
    private static final Field<String> G_WS = field(name("github_hooks", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> G_PROJECT = field(name("github_hooks", "project_id"), SQLDataType.VARCHAR);
    private static final Field<String> G_SEALED = field(name("github_hooks", "secret_sealed"), SQLDataType.VARCHAR);
    private static final Field<String> G_HINT = field(name("github_hooks", "secret_hint"), SQLDataType.VARCHAR);
    private static final Field<Long> G_CREATED = field(name("github_hooks", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> G_UPDATED = field(name("github_hooks", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> LINKS = table(name("task_links"));
    private static final Field<String> L_WS = field(name("task_links", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> L_TASK = field(name("task_links", "task_id"), SQLDataType.VARCHAR);
    private static final Field<String> L_KIND = field(name("task_links", "kind"), SQLDataType.VARCHAR);
    private static final Field<String> L_URL = field(name("task_links", "url"), SQLDataType.VARCHAR);
    private static final Field<String> L_TITLE = field(name("task_links", "title"), SQLDataType.VARCHAR);
    private static final Field<String> L_STATE = field(name("task_links", "state"), SQLDataType.VARCHAR);
    private static final Field<Integer> L_NUMBER = field(name("task_links", "number"), SQLDataType.INTEGER);
    private static final Field<Long> L_CREATED = field(name("task_links", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> L_UPDATED = field(name("task_links", "updated_at"), SQLDataType.BIGINT);

    private static final List<Field<?>> HOOK_COLUMNS = List.of(H_ID, H_PROJECT, H_URL, H_FORMAT, H_EVENTS, H_SEALED,
            H_HINT, H_ACTIVE, H_MAKER, H_CREATED);
    private static final List<Field<?>> LINK_COLUMNS = List.of(L_TASK, L_KIND, L_URL, L_TITLE, L_STATE, L_NUMBER,
            L_CREATED, L_UPDATED);

    private final SqlStorageBackend db;

    SqlIntegrationStore(SqlStorageBackend db) {
        this.db = db;
    }

    @Override
    public Webhook addWebhook(Webhook h) {
        long t = h.createdAt().toEpochMilli();
        return db.write("add webhook " + h.id(), ctx -> {
            if (!ctx.fetchExists(Db.PROJECTS, Db.P_ID.eq(h.project().value()))) {
                throw new NotFoundException("project_id", "no project '" + h.project().value() + "'");
            }
            ctx.insertInto(HOOKS)
                    .set(H_WS, WS).set(H_ID, h.id()).set(H_PROJECT, h.project().value()).set(H_URL, h.url())
                    .set(H_FORMAT, h.format()).set(H_EVENTS, String.join(",", h.events()))
                    .set(H_SEALED, h.secretSealed()).set(H_HINT, h.secretHint()).set(H_ACTIVE, h.active() ? 1 : 0)
                    .set(H_MAKER, h.createdBy()).set(H_CREATED, t).set(H_UPDATED, t)
                    .execute();
            return hooks(ctx, H_ID.eq(h.id())).get(0);
        });
    }

    @Override
    public Optional<Webhook> findWebhook(String id) {
        return db.read("find webhook " + id, ctx -> hooks(ctx, H_ID.eq(id)).stream().findFirst());
    }

    @Override
    public List<Webhook> webhooks(ProjectId project) {
        return db.read("list webhooks", ctx -> hooks(ctx, H_PROJECT.eq(project.value())));
    }

    @Override
    public List<Webhook> activeWebhooks() {
        return db.read("list active webhooks", ctx -> hooks(ctx, H_ACTIVE.eq(1)));
    }

    @Override
    public boolean removeWebhook(String id) {
        return db.write("remove webhook " + id, ctx -> ctx.deleteFrom(HOOKS).where(H_WS.eq(WS)).and(H_ID.eq(id)).execute() > 0);
    }

    private static List<Webhook> hooks(org.jooq.DSLContext ctx, Condition which) {
        return ctx.select(HOOK_COLUMNS).from(HOOKS).where(H_WS.eq(WS)).and(which).orderBy(H_CREATED, H_ID)
                .fetch(r -> new Webhook(r.get(H_ID), new ProjectId(r.get(H_PROJECT)), r.get(H_URL), r.get(H_FORMAT),
                        r.get(H_EVENTS).isEmpty() ? List.of() : Arrays.asList(r.get(H_EVENTS).split(",")),
                        r.get(H_SEALED), r.get(H_HINT), Integer.valueOf(1).equals(r.get(H_ACTIVE)), r.get(H_MAKER),
                        inst(r.get(H_CREATED))));
    }

    @Override
    public void putGithubSecret(ProjectId project, String sealed, String hint, Instant now) {
        long t = now.toEpochMilli();
        db.write("set the GitHub secret of " + project, ctx -> {
            if (!ctx.fetchExists(Db.PROJECTS, Db.P_ID.eq(project.value()))) {
                throw new NotFoundException("project_id", "no project '" + project.value() + "'");
            }
            int updated = ctx.update(GITHUB).set(G_SEALED, sealed).set(G_HINT, hint).set(G_UPDATED, t)
                    .where(G_WS.eq(WS)).and(G_PROJECT.eq(project.value())).execute();
            if (updated == 0) {
                ctx.insertInto(GITHUB).set(G_WS, WS).set(G_PROJECT, project.value()).set(G_SEALED, sealed)
                        .set(G_HINT, hint).set(G_CREATED, t).set(G_UPDATED, t).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<String> githubSecret(ProjectId project) {
        return db.read("read the GitHub secret of " + project, ctx -> ctx.select(G_SEALED).from(GITHUB)
                .where(G_WS.eq(WS)).and(G_PROJECT.eq(project.value())).fetchOptional(G_SEALED));
    }

    @Override
    public TaskLink putLink(TaskLink l) {
        long t = l.updatedAt().toEpochMilli();
        return db.write("link task " + l.task(), ctx -> {
            if (!ctx.fetchExists(Db.TASKS, Db.T_ID.eq(l.task().value()))) {
                throw new NotFoundException("task_id", "no task '" + l.task().value() + "'");
            }
            int updated = ctx.update(LINKS).set(L_TITLE, l.title()).set(L_STATE, l.state()).set(L_NUMBER, l.number())
                    .set(L_UPDATED, t)
                    .where(L_WS.eq(WS)).and(L_TASK.eq(l.task().value())).and(L_URL.eq(l.url())).execute();
            if (updated == 0) {
                ctx.insertInto(LINKS).set(L_WS, WS).set(L_TASK, l.task().value()).set(L_KIND, l.kind()).set(L_URL, l.url())
                        .set(L_TITLE, l.title()).set(L_STATE, l.state()).set(L_NUMBER, l.number())
                        .set(L_CREATED, l.createdAt().toEpochMilli()).set(L_UPDATED, t).execute();
            }
            return ctx.select(LINK_COLUMNS).from(LINKS).where(L_TASK.eq(l.task().value())).and(L_URL.eq(l.url()))
                    .fetchOne(SqlIntegrationStore::link);
        });
    }

    @Override
    public List<TaskLink> links(TaskId task) {
        return db.read("list links of " + task, ctx -> ctx.select(LINK_COLUMNS).from(LINKS)
                .where(L_WS.eq(WS)).and(L_TASK.eq(task.value())).orderBy(L_CREATED, L_URL)
                .fetch(SqlIntegrationStore::link));
    }

    private static TaskLink link(Record r) {
        return new TaskLink(new TaskId(r.get(L_TASK)), r.get(L_KIND), r.get(L_URL), r.get(L_TITLE), r.get(L_STATE),
                r.get(L_NUMBER), inst(r.get(L_CREATED)), inst(r.get(L_UPDATED)));
    }
}
