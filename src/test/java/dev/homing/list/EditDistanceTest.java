package dev.homing.list;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EditDistanceTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "gmail, gmail, 0",
            "gmial, gmail, 1",   // adjacent swap counts once
            "gmal, gmail, 1",    // deletion
            "gmaill, gmail, 1",  // insertion
            "gnail, gmail, 1",   // substitution
            "con, com, 1",
            "hotmial, hotmail, 1",
            "otmial, hotmail, 2",
            "mit, mac, 2",
            "ca, abc, 3",        // optimal string alignment: no edit of a swapped pair
            "'', abc, 3",
            "abc, '', 3",
    })
    void distance(String a, String b, int expected) {
        assertThat(EditDistance.between(a, b)).isEqualTo(expected);
        assertThat(EditDistance.between(b, a)).as("symmetric").isEqualTo(expected);
    }
}
