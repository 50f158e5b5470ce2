package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/architecture/embedding.md's program, as a reader copies it: taken out of the page, compiled against the
 * modules with nothing added (its imports must be complete), and run in a JVM of its own on a real SQLite file.
 */
class EmbeddingGuideIT {
    @TempDir
    Path dir;

    @Test
    void theGuidesProgram_compilesAsWritten_andRunsTheProjectToCompletion() throws Exception {
        List<MarkdownDoc.Block> java = MarkdownDoc.read("docs/architecture/embedding.md").blocks("java");
        assertThat(java).as("one Java program in the guide").hasSize(1);
        Path source = dir.resolve("src/Coordinator.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, java.get(0).text());

        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "-cp", classpath, "-d", classes.toString(), source.toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path db = dir.resolve("coordination.db");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classpath, "Coordinator", db.toString())
                .redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("the program ends").isTrue();
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.startsWith("working on") || l.startsWith("project complete")))
                .containsExactly("working on Schema", "working on API", "project complete: true");
        assertThat(db).exists();
    }
}
