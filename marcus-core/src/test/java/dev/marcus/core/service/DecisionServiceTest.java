package dev.marcus.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionServiceTest {

    @Test
    void theRecommendedShape_splitsIntoWhatWhyAndImpact() {
        String[] p = DecisionService.parse("I chose PostgreSQL because we need row locks. This affects the storage tasks.");
        assertThat(p).containsExactly("PostgreSQL", "we need row locks", "the storage tasks");
    }

    @Test
    void freeText_isKeptWhole() {
        String[] p = DecisionService.parse("Use tabs");
        assertThat(p[0]).isEqualTo("Use tabs");
        assertThat(p[1]).isEmpty();
        assertThat(p[2]).isEmpty();
    }
}
