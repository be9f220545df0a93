package dev.homing.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who may try a password now. An attempt is counted when it is let in, before the slow hash runs,
 * so parallel guesses cannot all slip past one check. Two limits: per client address (10 attempts a
 * minute, successes given back) and per account (after 5 failures in a row, each further attempt
 * waits twice as long as the last, 1 s up to 15 minutes, whatever address it comes from: guessing
 * from many addresses or behind one proxy gets no further). OWASP Authentication Cheat Sheet,
 * "Protect Against Automated Attacks".
 */
final class LoginThrottle {
    static final int PER_ADDRESS = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int FREE_FAILURES = 5;
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** A day without attempts and an account's failures are forgotten. */
    static final Duration FORGET = Duration.ofDays(1);
    /** Keys kept at most: attackers choose the user names and addresses; past this, idle entries go. */
    private static final int MAX_KEYS = 10_000;

    private final dev.homing.limit.Window byAddress = new dev.homing.limit.Window(PER_ADDRESS, WINDOW);
    private final Map<String, Account> byAccount = new HashMap<>();

    /** Failures in a row, and when the last was counted. */
    private static final class Account {
        int failures;
        long last;
    }

    /** The answer to one request to try a password. */
    sealed interface Turn permits Admitted, Wait {
    }

    /** Let in and already counted: call {@link LoginThrottle#succeeded} if the password is right. */
    record Admitted(String address, String account, long at) implements Turn {
    }

    /** Not let in: the password is not checked. */
    record Wait(Duration retryAfter, boolean perAccount) implements Turn {
    }

    synchronized Turn admit(String address, String username, long now) {
        String account = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (byAccount.size() > MAX_KEYS) {
            forgetIdle(now);
        }
        Account a = byAccount.get(account);
        if (a != null && now - a.last > FORGET.toMillis()) {
            byAccount.remove(account);
            a = null;
        }
        if (a != null && a.failures >= FREE_FAILURES) {
            long until = a.last + wait(a.failures).toMillis();
            if (now < until) {
                return new Wait(Duration.ofMillis(until - now), true);
            }
        }
        if (!byAddress.allow(address, now)) {
            return new Wait(byAddress.wait(address, now), false);
        }
        Account counted = byAccount.computeIfAbsent(account, k -> new Account());
        counted.failures++;
        counted.last = now;
        return new Admitted(address, account, now);
    }

    /** The password was right: the attempt is given back to the address and the account starts afresh. */
    synchronized void succeeded(Admitted turn) {
        byAddress.giveBack(turn.address(), turn.at());
        byAccount.remove(turn.account());
    }

    /** How long an account waits after this many failures in a row. */
    static Duration wait(int failures) {
        int over = failures - FREE_FAILURES;
        if (over < 0) {
            return Duration.ZERO;
        }
        return over >= 10 ? LONGEST_WAIT : Duration.ofSeconds(Math.min(1L << over, LONGEST_WAIT.toSeconds()));
    }

    private void forgetIdle(long now) {
        byAccount.values().removeIf(a -> a.last + Math.max(wait(a.failures).toMillis(), LONGEST_WAIT.toMillis()) <= now);
    }
}
