package dev.marcus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page of the repository, read the way the doc tests need it: its fenced blocks (with their language and
 * the heading above them), the text of a section, and the first column of a section's tables. The page itself is what
 * the tests run, so an example that stops working fails a test.
 */
final class MarkdownDoc {
    /** A fenced block: its info string ({@code bash}, {@code java}, …), its text, and the nearest heading above. */
    record Block(String language, String text, String heading, int line) {
    }

    private final Path file;
    private final List<String> lines;

    private MarkdownDoc(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The repository's root: the parent of the module the tests run in. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("mvnw")) ? here : here.getParent();
    }

    /** A page by its path from the repository root, e.g. {@code docs/planning.md}. */
    static MarkdownDoc read(String path) {
        Path file = repository().resolve(path);
        try {
            return new MarkdownDoc(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Every fenced block, in order. */
    List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "").strip();
            }
            Matcher open = FENCE.matcher(line);
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            StringBuilder text = new StringBuilder();
            int start = i + 1;
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String l = lines.get(i);
                text.append(l.startsWith(indent) ? l.substring(indent.length()) : l.strip()).append('\n');
            }
            out.add(new Block(open.group(2).strip(), text.toString(), heading, start));
        }
        return out;
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");

    /** The blocks of one language. */
    List<Block> blocks(String language) {
        return blocks().stream().filter(b -> b.language().equals(language)).toList();
    }

    /** The lines of the section under the heading that starts with {@code heading}, up to the next heading of any level. */
    List<String> section(String heading) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                if (in) {
                    break;
                }
                in = line.replaceFirst("^#+\\s*", "").startsWith(heading);
                continue;
            }
            if (in) {
                out.add(line);
            }
        }
        if (!in && out.isEmpty()) {
            throw new AssertionError(file + " has no section '" + heading + "'");
        }
        return out;
    }

    /** The table rows of a section (header and separator rows left out), as cells with backticks removed. */
    List<List<String>> rows(String heading) {
        List<List<String>> out = new ArrayList<>();
        boolean header = true;
        for (String line : section(heading)) {
            if (!line.startsWith("|")) {
                header = true;
            } else if (line.startsWith("|---")) {
                header = false;
            } else if (!header) {
                List<String> cells = new ArrayList<>();
                String[] parts = line.split("\\|");
                for (int c = 1; c < parts.length; c++) {
                    cells.add(parts[c].strip().replace("`", ""));
                }
                out.add(cells);
            }
        }
        return out;
    }

    /** The first cells of a section's table rows. */
    List<String> firstColumn(String heading) {
        return rows(heading).stream().map(r -> r.get(0)).toList();
    }

    /** The lines after the first block of a section that form a numbered list, without their numbers. */
    List<String> numberedListAfter(Block block) {
        List<String> out = new ArrayList<>();
        int end = block.line() + (int) block.text().lines().count() + 1;
        for (int i = end; i < lines.size(); i++) {
            Matcher m = NUMBERED.matcher(lines.get(i));
            if (m.matches()) {
                out.add(m.group(1).strip());
            } else if (!out.isEmpty() && !lines.get(i).startsWith("   ")) {
                break;
            } else if (lines.get(i).startsWith("#") || lines.get(i).startsWith("```")) {
                break;
            }
        }
        return out;
    }

    private static final Pattern NUMBERED = Pattern.compile("^\\d+\\.\\s+(.*)$");
}
