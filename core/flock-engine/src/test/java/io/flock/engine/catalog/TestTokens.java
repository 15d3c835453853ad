package io.flock.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.spi.FlockException;
import org.junit.jupiter.api.Test;

class TestTokens {
    private static final String ID = "abc123def456";
    private static final String SECRET = "A".repeat(20) + "z9_-" + "b".repeat(19);

    @Test
    void anIssuedTokenParsesAndMatchesOnlyItsOwnSecret() {
        Tokens.IssuedToken issued = Tokens.issue("alice");
        Tokens.ParsedToken parsed = Tokens.parse(issued.text()).orElseThrow();
        assertThat(parsed.id()).isEqualTo(issued.stored().id());
        assertThat(Tokens.matches(issued.stored(), parsed.secret())).isTrue();
        assertThat(Tokens.matches(issued.stored(), SECRET)).isFalse();
        assertThat(Tokens.issue("alice").text()).isNotEqualTo(issued.text());
    }

    @Test
    void parsesTheIdAndSecretOfAWellFormedToken() {
        Tokens.ParsedToken parsed = Tokens.parse("  flk_" + ID + "_" + SECRET + "\n").orElseThrow();
        assertThat(parsed.id()).isEqualTo(ID);
        assertThat(parsed.secret()).isEqualTo(SECRET);
    }

    @Test
    void refusesEveryMalformedToken() {
        for (String text : new String[] {
                null, "", "flk_", "flk_" + ID + "_" + SECRET + "x", "flk_" + ID + "_" + SECRET.substring(1),
                "flx_" + ID + "_" + SECRET, "flk_" + ID + "-" + SECRET, "flk_ABC123DEF456_" + SECRET,
                "flk_abc123def45!_" + SECRET, "flk_" + ID + "_" + SECRET.substring(1) + "=",
                "flk_" + ID + "_" + SECRET.substring(1) + "+", "Bearer flk_" + ID + "_" + SECRET}) {
            assertThat(Tokens.parse(text)).as("%s", text).isEmpty();
        }
    }

    @Test
    void aChosenTokenTextMustHaveTheFormat() {
        assertThat(Tokens.fromText("flk_" + ID + "_" + SECRET, "admin").stored().id()).isEqualTo(ID);
        assertThatThrownBy(() -> Tokens.fromText("secret", "admin")).isInstanceOf(FlockException.class)
                .hasMessageContaining("flk_<12 lower-case letters or digits>_<43 base64url characters>");
    }
}
