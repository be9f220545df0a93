package dev.homing.campaign;

import java.util.List;

/** One content rule: looks at a parsed message and says what it found (nothing when it does not fire). */
interface ContentRule {
    List<ContentFinding> check(ContentMessage message);
}
