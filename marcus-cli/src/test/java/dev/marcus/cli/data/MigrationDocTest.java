package dev.marcus.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/migration/sqlite-to-postgres.md says how many reference checks the migration runs: the number must be true. */
class MigrationDocTest {
    @Test
    void theGuide_namesTheNumberOfReferenceChecksTheMigrationRuns() throws Exception {
        String guide = Files.readString(Path.of("../docs/migration/sqlite-to-postgres.md")).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("(\\d+) reference checks must find no dangling row").matcher(guide);
        assertThat(m.find()).as("the guide states the number of reference checks").isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(SqliteToPostgres.REFERENCE_CHECKS.length);
    }
}
