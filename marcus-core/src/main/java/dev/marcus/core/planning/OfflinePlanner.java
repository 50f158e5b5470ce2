package dev.marcus.core.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner that needs nothing outside the JVM. It reads a Markdown outline, free prose, or both mixed:
 * <ul>
 *   <li>{@code #} headings are features; bullets and numbered steps under them are tasks, written as for
 *       {@link OutlinePlanner} ({@code Name: details}, {@code after X}, {@code [high]}, {@code (3h)}, nested bullets
 *       as acceptance criteria); numbered steps without an explicit dependency follow the step before;</li>
 *   <li>a paragraph of prose is split into sentences; each sentence that asks for work is a feature, and becomes a
 *       design → implement → test chain (or one task when the sentence is itself about design, tests, docs or
 *       deployment); {@code once X is done, …}, {@code … after X}, {@code … then …} name dependencies;</li>
 *   <li>every task gets a {@code type:*} label, {@code backend}/{@code frontend} when its words say so, an estimate
 *       and acceptance criteria when none were written.</li>
 * </ul>
 * Dependencies come from explicit phrases first, then from phase rules that never create a cycle: design →
 * implement → integration → test → docs → deploy within a feature, schema → models, backend → frontend, authentication
 * → authorization, and deployment after everything else.
 */
public final class OfflinePlanner implements ProjectPlanner {
    /** Task kinds in the order they happen inside a feature. */
    enum Phase {
        DESIGN("design", 2), IMPLEMENT("implement", 4), INTEGRATION("integration", 3), TEST("test", 2),
        DOCS("docs", 1), DEPLOY("deploy", 1);

        final String label;
        final double hours;

        Phase(String label, double hours) {
            this.label = label;
            this.hours = hours;
        }
    }

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|\\d{1,3}[.)])\\s+(?:\\[[ xX]\\]\\s+)?(.+?)\\s*$");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+(?=[A-Z0-9\"'(])|(?<=[!?;])\\s+");
    private static final Pattern THEN = Pattern.compile("(?i),?\\s+(?:and\\s+)?then\\s+");
    private static final Pattern LEADING_DEP = Pattern.compile(
            "(?i)^(?:once|after|when)\\s+(.+?)\\s+(?:is|are|has been|have been)\\s+(?:done|finished|complete|completed|ready|built|in place|working)\\s*,?\\s*(.*)$");
    private static final Pattern LEADING_AFTER = Pattern.compile("(?i)^after\\s+([^,]+),\\s*(.*)$");
    private static final Pattern TRAILING_DEP = Pattern.compile(
            "(?i)^(.*?)[,;]?\\s+(?:\\(?\\s*(?:which\\s+)?(?:depends on|depending on|requires|after|once))\\s+(.+?)(?:\\s+(?:is|are|has been)\\s+(?:done|finished|complete|completed|ready))?\\s*\\)?$");
    private static final Pattern ONLY_DEP = Pattern.compile(
            "(?i)^(?:this\\s+(?:feature\\s+|phase\\s+|part\\s+)?)?(?:depends on|comes after|starts after|requires|needs)\\s+(.+)$");
    private static final Pattern SPLIT_REFS = Pattern.compile("\\s*(?:,|\\band\\b|&)\\s*");
    private static final Pattern FILLER = Pattern.compile(
            "(?i)^(?:(?:first(?:ly)?|then|next|also|finally|lastly|and|second(?:ly)?|third(?:ly)?|after that|in addition)\\b,?\\s*)+");
    private static final Pattern WE_NEED = Pattern.compile(
            "(?i)^(?:we|i|you|they)\\s+(?:also\\s+)?(?:need|want|would like|have|must|should|will|plan)\\s+(?:to\\s+)?(?:have\\s+|be able to\\s+)?");
    private static final Pattern IT_SHOULD = Pattern.compile(
            "(?i)^(?:the\\s+|our\\s+)?(?:app|application|system|site|website|service|product|platform|project|tool|it)\\s+(?:should|must|will|needs to|has to|shall)\\s+(?:also\\s+)?(?:be able to\\s+)?");
    private static final Pattern USERS_CAN = Pattern.compile(
            "(?i)^(?:users?|customers?|admins?|administrators?|visitors?|people|members?)\\s+(?:should\\s+be\\s+able\\s+to|must\\s+be\\s+able\\s+to|can|need\\s+to|want\\s+to|should|must)\\s+");
    private static final Pattern THERE_IS = Pattern.compile("(?i)^(?:there\\s+(?:should|must|will)\\s+be|let'?s|please|make sure)\\s+(?:an?\\s+|the\\s+)?");
    private static final Pattern NOT_WORK = Pattern.compile(
            "(?i)^(?:(?:this|it|that)\\s+(?:is|was|will be)\\b|(?:the|our)\\s+(?:goal|idea|aim)\\b|in short\\b|overall\\b|thanks?\\b|note\\b)");

    private static final Pattern DEPLOY = words("deploy|deploys|deployment|release|ship|launch|publish|roll ?out|go live|hosting");
    private static final Pattern DOCS = words("document|documentation|docs|readme|user guide|manual|write-?up|tutorial|changelog|release notes");
    private static final Pattern TEST = Pattern.compile(
            "(?i)^(?:test|verify|qa|check|validate)\\b|\\b(?:tests|testing|e2e|end-to-end|load test|unit tests?|smoke test|acceptance tests?)\\b");
    private static final Pattern DESIGN = Pattern.compile(
            "(?i)^(?:design|plan|sketch|wireframe|mock ?up|specify|define|outline|model)\\b|\\b(?:design|architecture|wireframes?|mockups?|spec|specification|rfc)\\b");
    private static final Pattern INTEGRATION = words("integrate|integrates|integration|integrations|wire up|hook up|connect to|connect with|webhooks?|third-party|sync with");
    private static final Pattern BACKEND = words(
            "api|apis|endpoints?|rest|graphql|server|backend|back-end|database|db|schema|migrations?|tables?|models?|orm|services?|queue|workers?|webhooks?|auth|authentication|authorization|sql|postgres|postgresql|mysql|sqlite|redis|cron|jobs?");
    private static final Pattern FRONTEND = words(
            "ui|page|pages|screens?|frontend|front-end|forms?|buttons?|css|components?|react|vue|angular|svelte|views?|dashboard|layout|web app|mobile|client|html");
    private static final Pattern SCHEMA = words("schema|database|migrations?|tables?|data model");
    private static final Pattern MODELS = words("models?|entities|entity|orm|repositories|repository|dao");
    private static final Pattern AUTHN = words("authentication|authenticate|login|log in|sign ?in|sign ?up|signup|registration|auth|sessions?|passwords?|oauth|sso");
    private static final Pattern AUTHZ = words("authorization|authorisation|authorize|authorise|permissions?|roles?|rbac|access control|acl|admin rights");
    private static final Pattern URGENT = words("must|critical|urgent|asap|blocking|security");
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "for", "in", "on", "with", "by",
            "is", "are", "be", "it", "its", "our", "we", "that", "this", "design", "implement", "test", "build", "add",
            "create", "write", "make", "set", "up", "page", "feature", "all", "can", "should", "from", "as");

    private static Pattern words(String alternatives) {
        return Pattern.compile("(?i)\\b(?:" + alternatives + ")\\b");
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public ProjectPlan plan(String description) {
        if (description == null || description.isBlank()) {
            throw new ValidationException("description",
                    "is required: describe the project in prose, or as a Markdown outline with one bullet per task");
        }
        Reader r = new Reader();
        r.read(description);
        if (r.items.isEmpty()) {
            throw new ValidationException("description", "no tasks found: write what should be built in sentences "
                    + "(\"Users can sign up with email.\"), or one bullet ('- ') or numbered step per task under '#' feature headings");
        }
        Graph g = new Graph(r.items);
        g.resolveExplicit(r.featureRefs);
        g.applyPhaseRules();
        List<PlannedTask> out = new ArrayList<>();
        for (Item i : r.items) {
            out.add(i.toPlanned());
        }
        return new ProjectPlan(r.features, out);
    }

    /** One task being made. */
    private static final class Item {
        String key;
        int order;
        int line;
        String name;
        String description = "";
        String feature = "";
        String scope = "";
        boolean fromList;
        int numberedList = -1;
        Phase phase = Phase.IMPLEMENT;
        Priority priority = Priority.MEDIUM;
        Double hours;
        final Set<String> labels = new LinkedHashSet<>();
        final List<String> refs = new ArrayList<>();
        final List<String> criteria = new ArrayList<>();
        final Set<Item> deps = new LinkedHashSet<>();
        String text = "";
        private String normName;
        private String normFeature;
        private Set<String> nameTokens;
        private Set<String> featureTokens;

        String normName() {
            return normName == null ? normName = OutlinePlanner.norm(name) : normName;
        }

        String normFeature() {
            return normFeature == null ? normFeature = OutlinePlanner.norm(feature) : normFeature;
        }

        Set<String> nameTokens() {
            return nameTokens == null ? nameTokens = tokens(name) : nameTokens;
        }

        Set<String> featureTokens() {
            return featureTokens == null ? featureTokens = tokens(feature) : featureTokens;
        }

        PlannedTask toPlanned() {
            List<String> keys = new ArrayList<>();
            for (Item d : deps) {
                keys.add(d.key);
            }
            List<String> crit = criteria.isEmpty() ? defaultCriteria() : criteria;
            return new PlannedTask(key, name, description, feature, priority, List.copyOf(labels), keys,
                    hours == null ? estimate() : hours, crit);
        }

        private double estimate() {
            double h = phase.hours;
            int words = (name + " " + description).split("\\s+").length;
            if (phase == Phase.IMPLEMENT && words > 25) {
                h += 2;
            }
            return h;
        }

        private List<String> defaultCriteria() {
            String what = lowerFirst(name);
            return switch (phase) {
                case DESIGN -> List.of("The design for " + what + " is written down (components, data, interfaces)",
                        "Open questions are listed with a proposed answer");
                case IMPLEMENT -> List.of(name + " works as described" + (description.isBlank() ? "" : ": " + shorten(description, 160)),
                        "Automated tests cover the main path and at least one failure path");
                case INTEGRATION -> List.of(name + " works end to end against the real counterpart",
                        "The verification commands declared on completion pass in the project root");
                case TEST -> List.of("Tests for " + what + " exist and pass", "A failing test names what broke");
                case DOCS -> List.of("The documentation for " + what + " explains its use with an example");
                case DEPLOY -> List.of(name + " is done and the result is reachable where it should be",
                        "How to roll back is written down");
            };
        }
    }

    /** Turns lines into items: headings, list items, prose paragraphs. */
    private static final class Reader {
        final List<String> features = new ArrayList<>();
        final List<Item> items = new ArrayList<>();
        final Map<String, List<String>> featureRefs = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private String feature = "";
        private int listIndent = -1;
        private int listId = 0;
        private boolean inList;
        private final StringBuilder prose = new StringBuilder();
        private int proseLine;
        private int sentenceGroups;

        void read(String text) {
            String[] lines = text.split("\\R");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                Matcher h = HEADING.matcher(line);
                if (h.matches()) {
                    flushProse();
                    feature = h.group(2).replaceFirst("(?i)^(feature|phase|epic|milestone|step)\\s*\\d*\\s*[:.-]\\s*", "")
                            .replaceAll("\\*\\*", "").strip();
                    if (!feature.isEmpty() && !features.contains(feature)) {
                        features.add(feature);
                    }
                    endList();
                    continue;
                }
                Matcher m = ITEM.matcher(line);
                if (m.matches()) {
                    flushProse();
                    listItem(m, n + 1);
                    continue;
                }
                if (line.isBlank()) {
                    flushProse();
                    endList();
                    continue;
                }
                if (inList && line.startsWith("  ") && !items.isEmpty()) {
                    // a wrapped list item continues the last task's description
                    Item last = items.get(items.size() - 1);
                    last.description = (last.description + " " + line.strip()).strip();
                    continue;
                }
                endList();
                if (prose.length() == 0) {
                    proseLine = n + 1;
                }
                prose.append(line.strip()).append(' ');
            }
            flushProse();
        }

        private void endList() {
            inList = false;
            listIndent = -1;
            listId++;
        }

        private void listItem(Matcher m, int line) {
            int indent = m.group(1).replace("\t", "    ").length();
            boolean numbered = Character.isDigit(m.group(2).charAt(0));
            if (inList && indent > listIndent && !items.isEmpty()) {
                items.get(items.size() - 1).criteria.add(m.group(3).strip());
                return;
            }
            if (!inList) {
                listIndent = indent;
                inList = true;
            }
            OutlinePlanner.Draft d = OutlinePlanner.parseTask(m.group(3), feature, line, items.size() + 1);
            Item i = new Item();
            i.line = line;
            i.fromList = true;
            i.name = d.name;
            i.description = d.description;
            i.feature = feature;
            i.scope = "f:" + feature;
            i.priority = d.priority;
            i.hours = d.hours;
            i.labels.addAll(d.labels);
            i.refs.addAll(d.refs);
            i.numberedList = numbered ? listId : -1;
            i.text = d.name + " " + d.description + " " + String.join(" ", d.labels);
            i.phase = classify(d.name + " " + d.description);
            if (!names.add(OutlinePlanner.norm(i.name))) {
                throw new ValidationException("description", "line " + line + ": task name '" + i.name
                        + "' is used twice; names must be unique so that 'after' can refer to them");
            }
            add(i);
        }

        private void flushProse() {
            if (prose.length() == 0) {
                return;
            }
            String text = prose.toString().strip();
            prose.setLength(0);
            for (String sentence : SENTENCE_END.split(text)) {
                sentence(sentence.strip().replaceAll("[.!?;:]+$", "").strip());
            }
        }

        private void sentence(String raw) {
            if (raw.isEmpty()) {
                return;
            }
            Matcher only = ONLY_DEP.matcher(raw);
            if (only.matches() && !feature.isEmpty()) {
                featureRefs.computeIfAbsent(feature, k -> new ArrayList<>()).addAll(refs(only.group(1)));
                return;
            }
            List<String> leadRefs = new ArrayList<>();
            String s = FILLER.matcher(raw).replaceFirst("");
            Matcher lead = LEADING_DEP.matcher(s);
            if (lead.matches()) {
                leadRefs.addAll(refs(lead.group(1)));
                s = lead.group(2);
            } else {
                Matcher after = LEADING_AFTER.matcher(s);
                if (after.matches()) {
                    leadRefs.addAll(refs(after.group(1)));
                    s = after.group(2);
                }
            }
            Item previous = null;
            for (String clause : THEN.split(s)) {
                Item made = clause(clause, leadRefs, previous, raw);
                if (made != null) {
                    previous = made;
                    leadRefs = List.of();
                }
            }
        }

        /** Makes the tasks of one clause; returns its last task (what a following "then" waits for), or null. */
        private Item clause(String clause, List<String> leadRefs, Item previous, String sentence) {
            String c = FILLER.matcher(clause.strip()).replaceFirst("");
            List<String> refs = new ArrayList<>(leadRefs);
            Matcher trail = TRAILING_DEP.matcher(c);
            if (trail.matches() && trail.group(1).split("\\s+").length >= 2) {
                refs.addAll(refs(trail.group(2)));
                c = trail.group(1);
            }
            if (NOT_WORK.matcher(c).find()) {
                return null;
            }
            c = WE_NEED.matcher(c).replaceFirst("");
            c = IT_SHOULD.matcher(c).replaceFirst("");
            c = USERS_CAN.matcher(c).replaceFirst("");
            c = THERE_IS.matcher(c).replaceFirst("");
            c = c.replaceAll("^[,\\s]+|[,\\s]+$", "");
            if (c.split("\\s+").length < 2 && !BACKEND.matcher(c).find() && !FRONTEND.matcher(c).find()) {
                return null;
            }
            String what = upperFirst(shorten(c, 90));
            String featureName = feature.isEmpty() ? what : feature;
            if (feature.isEmpty() && !features.contains(what)) {
                features.add(what);
            }
            String scope = "s:" + (++sentenceGroups);
            Phase kind = classify(c);
            Priority priority = URGENT.matcher(sentence).find() ? Priority.HIGH : Priority.MEDIUM;
            List<Item> made = new ArrayList<>();
            if (kind == Phase.IMPLEMENT) {
                made.add(prose("Design " + lowerFirst(what), Phase.DESIGN, featureName, scope, sentence, priority));
                made.add(prose("Implement " + lowerFirst(what), Phase.IMPLEMENT, featureName, scope, sentence, priority));
                made.add(prose("Test " + lowerFirst(what), Phase.TEST, featureName, scope, sentence, priority));
            } else {
                made.add(prose(what, kind, featureName, scope, sentence, priority));
            }
            Item first = made.get(0);
            first.refs.addAll(refs);
            if (previous != null && refs.isEmpty()) {
                first.deps.add(previous);
            }
            return made.get(made.size() - 1);
        }

        private Item prose(String name, Phase phase, String featureName, String scope, String sentence, Priority p) {
            Item i = new Item();
            i.line = proseLine;
            String unique = name;
            for (int k = 2; !names.add(OutlinePlanner.norm(unique)); k++) {
                unique = name + " (" + k + ")";
            }
            i.name = unique;
            i.description = sentence.endsWith(".") ? sentence : sentence + ".";
            i.feature = featureName;
            i.scope = scope;
            i.phase = phase;
            i.priority = p;
            i.text = name + " " + sentence;
            add(i);
            return i;
        }

        private void add(Item i) {
            i.order = items.size();
            i.key = "t" + (items.size() + 1);
            i.labels.add("type:" + i.phase.label);
            if (BACKEND.matcher(i.text).find()) {
                i.labels.add("backend");
            }
            if (FRONTEND.matcher(i.text).find()) {
                i.labels.add("frontend");
            }
            if (!i.feature.isEmpty()) {
                i.labels.add("feature:" + OutlinePlanner.slug(i.feature));
            }
            items.add(i);
        }

        private static List<String> refs(String text) {
            List<String> out = new ArrayList<>();
            for (String ref : SPLIT_REFS.split(text.replaceAll("[.)]+$", "").strip())) {
                String r = ref.strip().replaceAll("(?i)^(the|task|feature|step)\\s+", "").replaceAll("^[\"'`]|[\"'`]$", "");
                if (!r.isEmpty()) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    static Phase classify(String text) {
        if (TEST.matcher(text).find() && !DESIGN.matcher(firstWord(text)).find()) {
            return Phase.TEST;
        }
        if (DOCS.matcher(text).find()) {
            return Phase.DOCS;
        }
        if (DEPLOY.matcher(text).find()) {
            return Phase.DEPLOY;
        }
        if (DESIGN.matcher(text).find()) {
            return Phase.DESIGN;
        }
        if (INTEGRATION.matcher(text).find()) {
            return Phase.INTEGRATION;
        }
        return Phase.IMPLEMENT;
    }

    /** Dependencies between items: explicit ones first, then the phase rules (never closing a cycle). */
    private static final class Graph {
        private final List<Item> items;

        Graph(List<Item> items) {
            this.items = items;
        }

        void resolveExplicit(Map<String, List<String>> featureRefs) {
            for (Item i : items) {
                for (String ref : i.refs) {
                    List<Item> targets = lookup(ref, i);
                    if (targets.isEmpty()) {
                        if (i.fromList) {
                            throw new ValidationException("description", "line " + i.line + ": '" + ref
                                    + "' does not name a task or a feature of this description");
                        }
                        continue; // prose: a loose "after lunch" is not a dependency
                    }
                    for (Item t : targets) {
                        linkExplicit(i, t);
                    }
                }
            }
            featureRefs.forEach((feature, refs) -> {
                for (String ref : refs) {
                    for (Item t : lookup(ref, null)) {
                        for (Item i : items) {
                            if (i.feature.equals(feature) && !t.feature.equals(feature)) {
                                linkExplicit(i, t);
                            }
                        }
                    }
                }
            });
            // numbered steps follow the step before unless they name their own dependency
            Item prev = null;
            for (Item i : items) {
                if (i.numberedList >= 0 && prev != null && prev.numberedList == i.numberedList && i.refs.isEmpty()) {
                    link(i, prev);
                }
                prev = i;
            }
        }

        private List<Item> lookup(String ref, Item from) {
            String n = OutlinePlanner.norm(ref);
            List<Item> exact = new ArrayList<>();
            List<Item> feature = new ArrayList<>();
            List<Item> prefix = new ArrayList<>();
            for (Item i : items) {
                if (i == from) {
                    continue;
                }
                if (i.normName().equals(n)) {
                    exact.add(i);
                }
                if (i.normFeature().equals(n) && !laterInOwnFeature(i, from)) {
                    feature.add(i);
                }
                if (i.normName().startsWith(n)) {
                    prefix.add(i);
                }
            }
            if (!exact.isEmpty()) {
                return exact;
            }
            if (!feature.isEmpty()) {
                return feature;
            }
            if (prefix.size() == 1) {
                return prefix;
            }
            if (from != null && from.fromList) {
                return List.of();
            }
            // prose: every significant word of the reference appears in a feature (then all its tasks) or a task name
            Set<String> want = tokens(ref);
            if (want.isEmpty()) {
                return List.of();
            }
            List<Item> byFeature = new ArrayList<>();
            List<Item> byName = new ArrayList<>();
            for (Item i : items) {
                if (i == from || (from != null && i.scope.equals(from.scope))) {
                    continue;
                }
                if (i.featureTokens().containsAll(want)) {
                    if (!laterInOwnFeature(i, from)) {
                        byFeature.add(i);
                    }
                } else if (i.nameTokens().containsAll(want)) {
                    byName.add(i);
                }
            }
            return byFeature.isEmpty() ? byName : byFeature;
        }

        /**
         * Whether {@code i} is a task of {@code from}'s own feature written at or after {@code from}. A task that waits
         * for the feature it belongs to ("Once accounts are done, …" under {@code # Accounts}) waits for the tasks
         * written before it: not for itself, the rest of its sentence, or what follows (a deployment written last).
         */
        private static boolean laterInOwnFeature(Item i, Item from) {
            return from != null && i.feature.equals(from.feature) && i.order >= from.order;
        }

        void applyPhaseRules() {
            // within a scope (a heading's list, or one sentence): each task waits for the nearest earlier phase
            Map<String, List<Item>> scopes = new LinkedHashMap<>();
            for (Item i : items) {
                scopes.computeIfAbsent(i.scope, k -> new ArrayList<>()).add(i);
            }
            for (List<Item> scope : scopes.values()) {
                for (Item i : scope) {
                    Phase best = null;
                    for (Item o : scope) {
                        if (o.phase.ordinal() < i.phase.ordinal() && (best == null || o.phase.ordinal() > best.ordinal())) {
                            best = o.phase;
                        }
                    }
                    for (Item o : scope) {
                        if (o.phase == best) {
                            link(i, o);
                        }
                    }
                }
            }
            List<Item> schema = new ArrayList<>();
            List<Item> models = new ArrayList<>();
            List<Item> authn = new ArrayList<>();
            List<Item> authz = new ArrayList<>();
            List<Item> backend = new ArrayList<>();
            List<Item> frontend = new ArrayList<>();
            for (Item i : items) {
                boolean isSchema = SCHEMA.matcher(i.name).find();
                if (isSchema && i.phase.ordinal() <= Phase.IMPLEMENT.ordinal()) {
                    schema.add(i);
                }
                if (!isSchema && MODELS.matcher(i.name).find() && i.phase.ordinal() >= Phase.IMPLEMENT.ordinal()
                        && i.phase.ordinal() <= Phase.INTEGRATION.ordinal()) {
                    models.add(i);
                }
                boolean z = AUTHZ.matcher(i.text).find();
                if (z && i.phase != Phase.DESIGN) {
                    authz.add(i);
                }
                if (!z && AUTHN.matcher(i.text).find() && i.phase.ordinal() <= Phase.INTEGRATION.ordinal()) {
                    authn.add(i);
                }
                if (i.phase == Phase.IMPLEMENT && i.labels.contains("frontend") && !i.labels.contains("backend")) {
                    frontend.add(i);
                }
                if (i.phase == Phase.IMPLEMENT && i.labels.contains("backend") && !i.labels.contains("frontend")) {
                    backend.add(i);
                }
            }
            // schema → models
            for (Item i : models) {
                for (Item o : schema) {
                    link(i, o);
                }
            }
            // authentication before authorization
            for (Item i : authz) {
                for (Item o : authn) {
                    if (o.phase.ordinal() <= i.phase.ordinal()) {
                        link(i, o);
                    }
                }
            }
            // backend before frontend: same scope, or a shared subject word across scopes
            for (Item i : frontend) {
                Set<String> subject = subject(i);
                for (Item o : backend) {
                    if (i.scope.equals(o.scope) || !disjoint(subject, subject(o))) {
                        link(i, o);
                    }
                }
            }
            // test/docs tasks that stand alone wait for the implementation work that exists
            for (Item i : items) {
                if ((i.phase == Phase.TEST || i.phase == Phase.DOCS) && i.deps.isEmpty()) {
                    for (Item o : items) {
                        if (o.phase == Phase.IMPLEMENT || o.phase == Phase.INTEGRATION) {
                            link(i, o);
                        }
                    }
                }
            }
            // deployment comes last: it waits for every other task that nothing else waits for
            Set<Item> hasDependents = new HashSet<>();
            for (Item i : items) {
                hasDependents.addAll(i.deps);
            }
            for (Item i : items) {
                if (i.phase != Phase.DEPLOY) {
                    continue;
                }
                for (Item o : items) {
                    if (o.phase != Phase.DEPLOY && !hasDependents.contains(o)) {
                        link(i, o);
                    }
                }
            }
        }

        private final Map<Item, Set<String>> subjects = new java.util.HashMap<>();

        private Set<String> subject(Item i) {
            return subjects.computeIfAbsent(i, k -> {
                Set<String> x = new LinkedHashSet<>(k.nameTokens());
                x.removeIf(w -> BACKEND.matcher(w).matches() || FRONTEND.matcher(w).matches());
                return x;
            });
        }

        private static boolean disjoint(Set<String> a, Set<String> b) {
            for (String w : a) {
                if (b.contains(w)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A dependency the author wrote down: one that would close a cycle contradicts another one, so the plan is
         * refused rather than silently changed.
         */
        private static void linkExplicit(Item task, Item dep) {
            if (task != dep && !task.deps.contains(dep) && reaches(dep, task)) {
                throw new ValidationException("description", "line " + task.line + ": '" + task.name + "' after '"
                        + dep.name + "' would create a dependency cycle ('" + dep.name + "' already waits for '"
                        + task.name + "')");
            }
            link(task, dep);
        }

        /** {@code task} waits for {@code dep}, unless that would close a cycle. */
        private static void link(Item task, Item dep) {
            if (task == dep || task.deps.contains(dep) || reaches(dep, task)) {
                return;
            }
            task.deps.add(dep);
        }

        /** Whether {@code from} already waits, directly or not, for {@code target}. */
        private static boolean reaches(Item from, Item target) {
            Deque<Item> todo = new ArrayDeque<>();
            Set<Item> seen = new HashSet<>();
            todo.push(from);
            while (!todo.isEmpty()) {
                Item i = todo.pop();
                if (i == target) {
                    return true;
                }
                if (seen.add(i)) {
                    todo.addAll(i.deps);
                }
            }
            return false;
        }
    }

    private static Set<String> tokens(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : OutlinePlanner.norm(s).split(" ")) {
            String t = w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
            if (!t.isEmpty() && !STOP.contains(w) && !STOP.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static String firstWord(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    private static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max);
        return s.substring(0, cut > max / 2 ? cut : max).strip() + "…";
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
            return s; // an acronym such as "API"
        }
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
