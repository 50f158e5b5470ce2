package dev.marcus.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void subjects_keepTheThingsNamed_droppingVerbsFunctionWordsAndGenericWords() {
        assertThat(Words.subjects("Implement the invoices archive page for users")).containsExactly("invoic", "archiv");
        assertThat(Words.subjects("Design and build it")).isEmpty();
    }

    @Test
    void subjects_meetAcrossInflectionAndSpelling() {
        assertThat(Words.subjects("Invoice numbering")).containsAnyElementsOf(Words.subjects("Export invoices as PDF"));
        assertThat(Words.subjects("Set up the DB")).containsExactlyElementsOf(Words.subjects("Migrate the database"));
    }
}
