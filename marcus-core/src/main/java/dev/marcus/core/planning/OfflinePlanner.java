package dev.marcus.core.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Deployment;
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
 * The planner that needs nothing outside the JVM. It reads Markdown outlines, numbered steps, free prose, or all
 * mixed, as people write briefs, READMEs and issues:
 * <ul>
 *   <li>headings, bullets and numbered steps follow the {@link OutlineGrammar}; numbered steps of a procedure follow
 *       the step before unless they name their own dependency (not under "Requirements:" and the like), and numbered
 *       sections ("Step 2: …") follow the section before;</li>
 *   <li>a paragraph of prose is split into sentences; each sentence that asks for work is a feature, and becomes a
 *       design → implement → test chain (or one task when the sentence is itself about design, tests, docs or
 *       deployment); "once X is done, …", "… after X", "then …", "finally …", "… at the end", "X before anything
 *       else", "it depends on X", "borrowing requires X" give the order;</li>
 *   <li>references are resolved by {@link References} (step numbers, names, features, meaning-bearing words, head
 *       nouns); what stays ambiguous or names nothing is a warning of the plan; only an explicit cycle is refused,
 *       with the cycle named;</li>
 *   <li>every task gets a {@code type:*} label, {@code backend}/{@code frontend} when its words say so, an estimate
 *       and acceptance criteria when none were written.</li>
 * </ul>
 * Dependencies come from explicit phrases first, then from phase rules that never create a cycle and never touch a
 * list item that says what it waits for: design → implementation → test → docs → deploy within a list or sentence, a
 * task naming with "the" what one earlier task makes, schema → models, authentication → authorization, a page after
 * the API it shares a subject with, stand-alone tests and docs after the implementation, and deployment-like tasks
 * ({@link Deployment}) after every other open end. {@code docs/planning.md} has the details and the corpus figures.
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

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+(?=[A-Za-z0-9\"'(])|(?<=[!?;])\\s+");
    private static final Pattern THEN = Pattern.compile("(?i),?\\s+(?:and\\s+)?then\\s+");
    /** ", and when the aggregates exist, expose them": a second clause with its own condition. */
    private static final Pattern AND_WHEN = Pattern.compile("(?i),\\s+and\\s+(?=(?:when|once|after)\\s)");
    private static final Pattern LEADING_DEP = Pattern.compile(
            "(?i)^(?:once|after|when)\\s+(.+?)\\s+(?:is|are|has been|have been|gets|get)\\s+(?:done|finished|complete|completed"
                    + "|ready|built|in place|working|live|available|agreed|merged|finalised|finalized|existing)\\s*,?\\s*(.*)$");
    private static final Pattern LEADING_AFTER = Pattern.compile("(?i)^(?:after|once|when)\\s+([^,]+),\\s*(.*)$");
    private static final Pattern ONLY_DEP = Pattern.compile(
            "(?i)^(?:(?:this|it|that)\\s+(?:feature\\s+|phase\\s+|part\\s+|step\\s+|section\\s+)?(?:also\\s+)?)?"
                    + "(?:depends on|comes after|starts after|requires|needs|builds on|waits for|is blocked by)\\s+(.+)$");
    /** "borrowing requires the laptop registry", "The storage layer needs the ingestion service". */
    private static final Pattern SUBJECT_DEP = Pattern.compile(
            "(?i)^(.{2,60}?)\\s+(?:also\\s+)?(?:(?:depends on|builds on|waits for|is blocked by|comes after)\\s+|(?:requires|needs)\\s+(?=the\\s|step\\s|#))(.+)$");
    /** Sentence openers that put the sentence after the one before. */
    private static final Pattern SEQUENCE = Pattern.compile(
            "(?i)^(?:then|next|after that|after this|afterwards|after|subsequently|once (?:that|this|it)(?: is| has been)?"
                    + " (?:done|finished|ready|in place)|when (?:that|this|it)(?:'s| is) (?:done|finished|ready))\\b,?\\s*");
    /** Sentence openers and closers that put it after everything before it. */
    private static final Pattern LAST = Pattern.compile("(?i)^(?:finally|lastly|at (?:the )?last|in the end|at the end)\\b,?\\s*");
    private static final Pattern LAST_TAIL = Pattern.compile(
            "(?i)\\s*,?\\s*(?:at the (?:very )?end|comes? last|last of all|when everything else is (?:done|finished|ready)"
                    + "|after everything else(?: is done)?|once everything else is done)\\s*$");
    private static final Pattern FIRST_OF_ALL = Pattern.compile("(?i)\\s*,?\\s*(?:before anything else|first of all|before everything else)\\s*$");
    private static final Pattern PARALLEL = Pattern.compile("(?i)^(?:in parallel|meanwhile|at the same time|separately|independently)\\b,?\\s*");
    private static final Pattern FILLER = Pattern.compile(
            "(?i)^(?:(?:first(?:ly)?|the first step is to|also|and|so|ok|okay|oh|hey|second(?:ly)?|third(?:ly)?|in addition|additionally|plus)\\b[,!]?\\s*)+");
    /** A line that introduces a list of features rather than steps. */
    private static final Pattern NOT_STEPS = Pattern.compile(
            "(?i)\\b(?:requirements?|features?|goals?|user stories|stories|acceptance criteria|scope|non-goals|ideas)\\s*:?\\s*$");
    private static final Pattern WE_NEED = Pattern.compile(
            "(?i)^(?:we|i|you|they)\\s+(?:also\\s+)?(?:need|want|would like|have|must|should|will|plan|are going)\\s+(?:to\\s+)?(?:have\\s+|be able to\\s+|make\\s+(?=the\\b))?");
    private static final Pattern IT_SHOULD = Pattern.compile(
            "(?i)^(?:the\\s+|our\\s+)?(?:app|application|system|site|website|service|product|platform|project|tool|bot|it)\\s+(?:should|must|will|needs to|has to|shall|needs|wants)\\s+(?:also\\s+)?(?:be able to\\s+)?");
    private static final Pattern USERS_CAN = Pattern.compile(
            "(?i)^(?:(?:an?|the|our)\\s+)?(?:users?|customers?|admins?|administrators?|visitors?|people|members?|staff|employees?"
                    + "|shoppers?|readers?|analysts?|managers?|owners?|developers?|teachers?|students?|agents?)\\s+(?:should\\s+be\\s+able\\s+to"
                    + "|must\\s+be\\s+able\\s+to|will\\s+be\\s+able\\s+to|can|could|need\\s+to|want\\s+to|should|must|will|may)\\s+(?:also\\s+)?");
    private static final Pattern AS_A = Pattern.compile("(?i)^as an?\\s+[^,]{1,40}?,?\\s+i\\s+(?:want|would like|need)\\s+(?:to\\s+)?");
    private static final Pattern SO_THAT = Pattern.compile("(?i)\\s*,?\\s+so that\\b.*$");
    private static final Pattern THERE_IS = Pattern.compile("(?i)^(?:there\\s+(?:should|must|will)\\s+be|let'?s|please|make sure)\\s+(?:an?\\s+|the\\s+)?");
    private static final Pattern NOT_WORK = Pattern.compile(
            "(?i)^(?:(?:this|it|that)\\s+(?:is|was|will be)\\b|(?:the|our)\\s+(?:goal|idea|aim)\\b|in short\\b|overall\\b|thanks?\\b|note\\b)");

    private static final Pattern DOCS = Pattern.compile("(?i)^(?:document|write up)\\b"
            + "|\\b(?:documentation|docs|readme|user guide|manual|write-?up|tutorial|changelog|release notes)\\b");
    private static final Pattern TEST = Pattern.compile(
            "(?i)^(?:test|verify|qa|check|validate)\\b|\\b(?:tests|testing|e2e|end-to-end|load test|unit tests?|smoke test|acceptance tests?)\\b");
    private static final Pattern DESIGN = Pattern.compile(
            "(?i)^(?:design|plan|sketch|wireframe|mock ?up|specify|define|outline|model)\\b|\\b(?:design|architecture|wireframes?|mockups?|spec|specification|rfc)\\b");
    private static final Pattern INTEGRATION = words("integrate|integrates|integration|integrations|wire up|hook up|connect to|connect with|webhooks?|third-party|sync with");
    private static final Pattern BACKEND = words(
            "api|apis|endpoints?|rest|graphql|server|backend|back-end|database|db|schema|migrations?|tables?|models?|orm|services?|queue|workers?|webhooks?|auth|authentication|authorization|sql|postgres|postgresql|mysql|sqlite|redis|cron|jobs?");
    private static final Pattern FRONTEND = words(
            "ui|page|pages|screens?|frontend|front-end|forms?|buttons?|css|components?|react|vue|angular|svelte|views?|dashboard|layout|web app|mobile|client|html");
    private static final Pattern API = words("api|apis|endpoints?|graphql|rest");
    private static final Pattern SCHEMA = words("schema|database|migrations?|tables?|data model");
    private static final Pattern MODELS = words("models?|entities|entity|orm|dao");
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
        Graph g = new Graph(r.items, r.warnings);
        g.resolveExplicit(r.featureRefs, r.sectionOrder);
        g.applyPhaseRules();
        List<PlannedTask> out = new ArrayList<>();
        for (Item i : r.items) {
            out.add(i.toPlanned());
        }
        return new ProjectPlan(r.features, out, r.warnings);
    }

    /** One task being made. */
    private static final class Item {
        String key;
        int index;
        int line;
        String name;
        String description = "";
        String feature = "";
        String scope = "";
        boolean fromList;
        int numberedList = -1;
        int number = -1;
        int section = -1;
        /** Put after every open end before it ("finally", "at the end"). */
        boolean last;
        /** Everything after it that waits for nothing else waits for it ("before anything else"). */
        boolean first;
        Phase phase = Phase.IMPLEMENT;
        Priority priority = Priority.MEDIUM;
        Double hours;
        final Set<String> labels = new LinkedHashSet<>();
        final List<String> refs = new ArrayList<>();
        final List<String> criteria = new ArrayList<>();
        final Set<Item> deps = new LinkedHashSet<>();
        String text = "";
        private Set<String> nameTokens;

        Set<String> nameTokens() {
            return nameTokens == null ? nameTokens = tokens(name) : nameTokens;
        }

        References.Target target;

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
        final List<String> warnings = new ArrayList<>();
        final Map<String, List<String>> featureRefs = new LinkedHashMap<>();
        /** Numbered sections ("Step 2: …", "Phase 2: …") in order: feature → number. */
        final Map<String, Integer> sectionOrder = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private String feature = "";
        private int section = -1;
        private int listIndent = -1;
        private int listId = 0;
        private boolean inList;
        private boolean listIsSteps = true;
        private String lastProseLine = "";
        private final StringBuilder prose = new StringBuilder();
        private int proseLine;
        private int sentenceGroups;
        /** The last task made from prose in this paragraph, which "then" and "it" refer to. */
        private Item lastProse;
        private boolean sectionHasItems;

        void read(String text) {
            String[] lines = text.split("\\R");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                Matcher h = OutlineGrammar.HEADING.matcher(line);
                if (h.matches()) {
                    flushProse();
                    OutlineGrammar.Heading heading = OutlineGrammar.heading(h.group(2));
                    feature = heading.feature();
                    section = heading.number();
                    if (!feature.isEmpty() && !features.contains(feature)) {
                        features.add(feature);
                    }
                    if (section >= 0 && !feature.isEmpty()) {
                        sectionOrder.putIfAbsent(feature, section);
                    }
                    sectionHasItems = false;
                    lastProse = null;
                    endList();
                    listIsSteps = !NOT_STEPS.matcher(heading.feature()).find();
                    continue;
                }
                Matcher m = OutlineGrammar.ITEM.matcher(line);
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
                lastProseLine = line.strip();
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
                if (!lastProseLine.isEmpty()) {
                    listIsSteps = !NOT_STEPS.matcher(lastProseLine).find();
                }
            }
            OutlineGrammar.Draft d = OutlineGrammar.parseTask(m.group(3), feature, line, items.size() + 1);
            if (d == null) {
                warnings.add("line " + line + ": a list item without a name was left out");
                return;
            }
            Item i = new Item();
            i.line = line;
            i.fromList = true;
            i.name = unique(d.name, line);
            i.description = d.description;
            i.feature = feature;
            i.section = section;
            i.scope = "f:" + feature + ":" + listId;
            i.priority = d.priority;
            i.hours = d.hours;
            i.labels.addAll(d.labels);
            i.refs.addAll(d.refs);
            if (numbered) {
                i.number = Integer.parseInt(m.group(2).replaceAll("\\D", ""));
                i.numberedList = listIsSteps ? listId : -1;
            }
            i.text = d.name + " " + d.description + " " + String.join(" ", d.labels);
            // a requirement written as a sentence reads like prose: its kind comes from its words, not its verb
            i.phase = classify(d.name + " " + d.description);
            sectionHasItems = true;
            add(i);
        }

        /** The name, or the name with its feature or a number when it is already taken (with a warning). */
        private String unique(String name, int line) {
            String unique = name;
            if (!names.add(Words.norm(unique))) {
                unique = feature.isEmpty() ? name : name + " (" + feature + ")";
                for (int k = 2; !names.add(Words.norm(unique)); k++) {
                    unique = name + " (" + k + ")";
                }
                warnings.add("line " + line + ": task name '" + name + "' is used twice; the second is named '" + unique + "'");
            }
            return unique;
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
            lastProse = null;
        }

        private void sentence(String raw) {
            if (raw.isEmpty()) {
                return;
            }
            String s = FILLER.matcher(raw).replaceFirst("");
            Matcher only = ONLY_DEP.matcher(s);
            if (only.matches()) {
                List<String> refs = OutlineGrammar.splitRefs(stripRelative(only.group(1)));
                if (lastProse == null && !feature.isEmpty() && !sectionHasItems) {
                    // "Depends on Catalog." opening a section: the whole feature waits
                    featureRefs.computeIfAbsent(feature, k -> new ArrayList<>()).addAll(refs);
                } else if (lastProse != null) {
                    firstOf(lastProse).refs.addAll(refs);
                } else if (!items.isEmpty()) {
                    items.get(items.size() - 1).refs.addAll(refs);
                }
                return;
            }
            Matcher subject = SUBJECT_DEP.matcher(s);
            if (subject.matches() && !genericSubject(s)) {
                List<String> refs = OutlineGrammar.splitRefs(stripRelative(subject.group(2)));
                if (lastProse != null && refersTo(subject.group(1), lastProse)) {
                    // "borrowing requires the laptop registry": the sentence before waits
                    firstOf(lastProse).refs.addAll(refs);
                    return;
                }
                // "The storage layer needs the ingestion service": a task of its own, after what it needs
                Item made = clause(subject.group(1), refs, null, raw);
                if (made != null) {
                    lastProse = made;
                    return;
                }
            }
            boolean afterPrevious = false;
            boolean last = false;
            Matcher seq = SEQUENCE.matcher(s);
            if (seq.find()) {
                afterPrevious = true;
                s = s.substring(seq.end());
            }
            Matcher fin = LAST.matcher(s);
            if (fin.find()) {
                last = true;
                s = s.substring(fin.end());
            }
            Matcher finTail = LAST_TAIL.matcher(s);
            if (finTail.find()) {
                last = true;
                s = s.substring(0, finTail.start());
            }
            boolean first = false;
            Matcher firstTail = FIRST_OF_ALL.matcher(s);
            if (firstTail.find()) {
                first = true;
                s = s.substring(0, firstTail.start());
            }
            Matcher par = PARALLEL.matcher(s);
            if (par.find()) {
                afterPrevious = false;
                s = s.substring(par.end());
            }
            Item previous = afterPrevious ? lastProse != null ? lastProse : items.isEmpty() ? null : items.get(items.size() - 1) : null;
            boolean firstClause = true;
            for (String part : AND_WHEN.split(s)) {
                List<String> leadRefs = new ArrayList<>();
                Matcher lead = LEADING_DEP.matcher(part);
                if (lead.matches()) {
                    leadRefs.addAll(OutlineGrammar.splitRefs(lead.group(1)));
                    part = lead.group(2);
                } else {
                    Matcher after = LEADING_AFTER.matcher(part);
                    if (after.matches()) {
                        leadRefs.addAll(OutlineGrammar.splitRefs(after.group(1)));
                        part = after.group(2);
                    }
                }
                for (String clause : THEN.split(part)) {
                    Item made = clause(clause, leadRefs, previous, raw);
                    if (made != null) {
                        if (firstClause) {
                            firstOf(made).last = last;
                            firstOf(made).first = first;
                        }
                        firstClause = false;
                        previous = made;
                        lastProse = made;
                        leadRefs = List.of();
                    }
                }
            }
        }

        /** The first task of the sentence group {@code i} ends (the design before an implementation). */
        private Item firstOf(Item i) {
            Item first = i;
            for (Item o : items) {
                if (o.scope.equals(i.scope) && o.index < first.index) {
                    first = o;
                }
            }
            return first;
        }

        /** Sentences whose subject is the product or its users: their verb is the work, not a dependency. */
        private static boolean genericSubject(String s) {
            return WE_NEED.matcher(s).find() || IT_SHOULD.matcher(s).find() || USERS_CAN.matcher(s).find()
                    || AS_A.matcher(s).find() || THERE_IS.matcher(s).find();
        }

        /** Whether a sentence's subject speaks of the task before ("borrowing", "it", "this"). */
        private static boolean refersTo(String subject, Item before) {
            String n = Words.norm(subject);
            if (n.matches("(?:it|this|that|this feature|this step|this part)")) {
                return true;
            }
            Set<String> want = Words.stemSet(subject);
            return !want.isEmpty() && before.nameTokens().containsAll(tokens(subject))
                    || !want.isEmpty() && Words.stemSet(before.name).containsAll(want);
        }

        private static String stripRelative(String ref) {
            return ref.replaceAll("(?i),?\\s+(?:which|that|who)\\s+(?:we|i|you|they)\\b.*$", "").strip();
        }

        /** Makes the tasks of one clause; returns its last task (what a following "then" waits for), or null. */
        private Item clause(String clause, List<String> leadRefs, Item previous, String sentence) {
            String c = FILLER.matcher(clause.strip()).replaceFirst("");
            List<String> refs = new ArrayList<>(leadRefs);
            List<String> trailing = new ArrayList<>();
            String cut = OutlineGrammar.takeDependencies(c, trailing);
            if (!trailing.isEmpty() && cut.split("\\s+").length >= 2) {
                refs.addAll(trailing);
                c = cut;
            }
            if (NOT_WORK.matcher(c).find()) {
                return null;
            }
            c = AS_A.matcher(c).replaceFirst("");
            c = SO_THAT.matcher(c).replaceFirst("");
            c = WE_NEED.matcher(c).replaceFirst("");
            c = IT_SHOULD.matcher(c).replaceFirst("");
            c = USERS_CAN.matcher(c).replaceFirst("");
            c = THERE_IS.matcher(c).replaceFirst("");
            c = c.replaceAll("^[,\\s]+|[,\\s]+$", "");
            if (c.split("\\s+").length < 2 && !BACKEND.matcher(c).find() && !FRONTEND.matcher(c).find()
                    && !TEST.matcher(c).find() && !DOCS.matcher(c).find()) {
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
            if (previous != null) {
                first.deps.add(previous);
            }
            return made.get(made.size() - 1);
        }

        private Item prose(String name, Phase phase, String featureName, String scope, String sentence, Priority p) {
            Item i = new Item();
            i.line = proseLine;
            String unique = name;
            for (int k = 2; !names.add(Words.norm(unique)); k++) {
                unique = name + " (" + k + ")";
            }
            i.name = unique;
            i.description = sentence.endsWith(".") ? sentence : sentence + ".";
            i.feature = featureName;
            i.section = section;
            i.scope = scope;
            i.phase = phase;
            i.priority = p;
            i.text = name + " " + sentence;
            sectionHasItems = true;
            add(i);
            return i;
        }

        private void add(Item i) {
            i.key = "t" + (items.size() + 1);
            i.index = items.size();
            i.labels.add("type:" + i.phase.label);
            if (BACKEND.matcher(i.text).find()) {
                i.labels.add("backend");
            }
            if (FRONTEND.matcher(i.text).find()) {
                i.labels.add("frontend");
            }
            if (!i.feature.isEmpty()) {
                i.labels.add("feature:" + OutlineGrammar.slug(i.feature));
            }
            items.add(i);
        }
    }

    static Phase classify(String text) {
        if (TEST.matcher(text).find() && !DESIGN.matcher(firstWord(text)).find()) {
            return Phase.TEST;
        }
        if (DOCS.matcher(text).find()) {
            return Phase.DOCS;
        }
        if (Deployment.reads(text)) {
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
        private final List<String> warnings;
        private final References references;
        private final Map<References.Target, Item> byTarget = new java.util.HashMap<>();

        Graph(List<Item> items, List<String> warnings) {
            this.items = items;
            this.warnings = warnings;
            List<References.Target> targets = new ArrayList<>();
            for (Item i : items) {
                i.target = new References.Target(i.key, i.name, i.feature, i.index, i.scope, i.line,
                        i.numberedList >= 0 ? i.numberedList : i.number >= 0 ? -2 - i.index : -1, i.number, i.section);
                targets.add(i.target);
                byTarget.put(i.target, i);
            }
            this.references = new References(targets);
        }

        private List<Item> resolve(String ref, Item from) {
            References.Result r = references.resolve(ref, from == null ? null : from.target);
            if (r.warning() != null) {
                warnings.add(r.warning());
            }
            List<Item> out = new ArrayList<>();
            r.targets().forEach(t -> out.add(byTarget.get(t)));
            return out;
        }

        void resolveExplicit(Map<String, List<String>> featureRefs, Map<String, Integer> sectionOrder) {
            for (Item i : items) {
                for (String ref : i.refs) {
                    for (Item t : resolve(ref, i)) {
                        linkExplicit(i, t);
                    }
                }
            }
            featureRefs.forEach((feature, refs) -> {
                for (String ref : refs) {
                    for (Item t : resolve(ref, null)) {
                        for (Item i : items) {
                            if (i.feature.equals(feature) && !t.feature.equals(feature)) {
                                linkExplicit(i, t);
                            }
                        }
                    }
                }
            });
            definiteMentions();
            // numbered steps follow the step before unless they name their own dependency
            Item prev = null;
            for (Item i : items) {
                if (i.numberedList >= 0 && prev != null && prev.numberedList == i.numberedList && i.refs.isEmpty()) {
                    link(i, prev);
                }
                prev = i;
            }
            // numbered sections ("Step 2: …") follow the section before unless they name their own dependency
            List<String> sections = new ArrayList<>(sectionOrder.keySet());
            for (int s = 1; s < sections.size(); s++) {
                String feature = sections.get(s);
                if (featureRefs.containsKey(feature)) {
                    continue;
                }
                List<Item> before = ends(sections.get(s - 1));
                for (Item i : items) {
                    if (i.feature.equals(feature) && i.deps.isEmpty() && i.refs.isEmpty()) {
                        before.forEach(b -> link(i, b));
                    }
                }
            }
            // "finally", "at the end": after every open end written before it
            for (Item i : items) {
                if (i.last) {
                    Set<Item> waitedFor = new HashSet<>();
                    for (Item o : items) {
                        if (o.index < i.index) {
                            waitedFor.addAll(o.deps);
                        }
                    }
                    for (Item o : items) {
                        if (o.index < i.index && !waitedFor.contains(o) && !o.scope.equals(i.scope)) {
                            link(i, o);
                        }
                    }
                }
            }
            // "before anything else": what comes after it and waits for nothing waits for it
            for (Item i : items) {
                if (i.first) {
                    for (Item o : items) {
                        if (o.index > i.index && o.deps.isEmpty() && !o.scope.equals(i.scope)) {
                            link(o, i);
                        }
                    }
                }
            }
        }

        /** The tasks of a feature that no other task of it waits for. */
        private List<Item> ends(String feature) {
            Set<Item> waited = new HashSet<>();
            List<Item> of = new ArrayList<>();
            for (Item i : items) {
                if (i.feature.equals(feature)) {
                    of.add(i);
                    waited.addAll(i.deps);
                }
            }
            of.removeIf(waited::contains);
            return of;
        }

        /**
         * "Point the reporting service at the replica" after "Create the read replica": a task that names, with "the",
         * what exactly one earlier task makes (its head noun, and every other word of the phrase) waits for it.
         */
        private void definiteMentions() {
            Pattern the = Pattern.compile("(?i)\\bthe\\s+((?:[\\w-]+\\s+){0,2}[\\w-]+)");
            for (Item i : items) {
                if (!i.refs.isEmpty() || !i.deps.isEmpty()) {
                    continue;
                }
                Matcher m = the.matcher(i.name);
                while (m.find()) {
                    String[] words = Words.norm(m.group(1)).split(" ");
                    Item found = null;
                    // the longest start of the phrase that names what one earlier task (or sentence) makes
                    for (int len = words.length; len >= 1 && found == null; len--) {
                        String np = String.join(" ", java.util.Arrays.copyOf(words, len));
                        Set<String> want = Words.stemSet(np);
                        String head = Words.head(np);
                        if (want.isEmpty() || head.isEmpty()) {
                            continue;
                        }
                        Map<String, Item> groups = new LinkedHashMap<>();
                        for (Item o : items) {
                            if (o.index < i.index && !(o.scope.startsWith("s:") && o.scope.equals(i.scope))
                                    && references.headOf(o.target).equals(head)
                                    && references.stemsOf(o.target).containsAll(want)) {
                                groups.put(o.scope.startsWith("s:") ? o.scope : o.key, o); // a sentence's last task
                            }
                        }
                        if (groups.size() == 1) {
                            found = groups.values().iterator().next();
                        }
                    }
                    if (found != null) {
                        link(i, found);
                    }
                }
            }
        }

        void applyPhaseRules() {
            // within a scope (a heading's list, or one sentence): each task waits for the nearest earlier phase
            // (implementation and integration count as one: a webhook in a list is not after the endpoints beside it)
            Map<String, List<Item>> scopes = new LinkedHashMap<>();
            for (Item i : items) {
                scopes.computeIfAbsent(i.scope, k -> new ArrayList<>()).add(i);
            }
            for (List<Item> all : scopes.values()) {
                // in a list, an item that says what it waits for gets no guessed order
                for (Item i : all) {
                    if (i.fromList && !i.refs.isEmpty()) {
                        continue;
                    }
                    List<Item> scope = all;
                    int best = -1;
                    for (Item o : scope) {
                        if (rank(o) < rank(i)) {
                            best = Math.max(best, rank(o));
                        }
                    }
                    for (Item o : scope) {
                        if (rank(o) == best) {
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
                if (i.phase == Phase.IMPLEMENT && i.labels.contains("backend") && !i.labels.contains("frontend")
                        && API.matcher(i.name).find()) {
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
            // a page after the API or endpoint it shares a subject word with
            for (Item i : frontend) {
                Set<String> subject = subject(i);
                for (Item o : backend) {
                    if (!disjoint(subject, subject(o))) {
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
         * refused rather than silently changed, and the cycle is named.
         */
        private static void linkExplicit(Item task, Item dep) {
            if (task != dep && !task.deps.contains(dep) && reaches(dep, task)) {
                List<String> cycle = new ArrayList<>();
                cycle.add("'" + task.name + "'");
                for (Item i : path(dep, task)) {
                    cycle.add("'" + i.name + "'");
                }
                throw new ValidationException("description", "line " + task.line + ": '" + task.name + "' after '"
                        + dep.name + "' would close a dependency cycle: " + String.join(" waits for ", cycle)
                        + "; remove one of these dependencies");
            }
            link(task, dep);
        }

        /** The chain of dependencies from {@code from} down to {@code to}, both included. */
        private static List<Item> path(Item from, Item to) {
            Map<Item, Item> parent = new java.util.HashMap<>();
            Deque<Item> todo = new ArrayDeque<>(List.of(from));
            Set<Item> seen = new HashSet<>(List.of(from));
            while (!todo.isEmpty()) {
                Item i = todo.poll();
                if (i == to) {
                    break;
                }
                for (Item d : i.deps) {
                    if (seen.add(d)) {
                        parent.put(d, i);
                        todo.add(d);
                    }
                }
            }
            List<Item> out = new ArrayList<>();
            for (Item i = to; i != null; i = parent.get(i)) {
                out.add(0, i);
            }
            return out;
        }

        private static int rank(Item i) {
            return switch (i.phase) {
                case DESIGN -> 0;
                case IMPLEMENT, INTEGRATION -> 1;
                case TEST -> 2;
                case DOCS -> 3;
                case DEPLOY -> 4;
            };
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
        for (String w : Words.norm(s).split(" ")) {
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
