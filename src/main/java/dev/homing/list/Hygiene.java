package dev.homing.list;


import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Address hygiene: everything that can be learnt about an address before sending to it. Syntax
 * (via {@link Address#check}), a likely typo of a big provider's domain, a role account, and
 * whether the domain can receive mail (through the engine's own resolver, so hygiene and delivery
 * agree). One instance per run, used from one thread: it remembers each domain's answer.
 */
public final class Hygiene {
    private final DomainCheck domains;

    /** Checks domains through this resolver. */
    public Hygiene(MailDomains resolver) {
        this(new DomainCheck(Objects.requireNonNull(resolver, "resolver")));
    }

    private Hygiene(DomainCheck domains) {
        this.domains = domains;
    }

    /** Checks syntax, typos and role accounts only, for runs without DNS (a resolver without DNS would call every domain missing). */
    public static Hygiene withoutDns() {
        return new Hygiene((DomainCheck) null);
    }

    /** The problems with this address, most serious first; empty when it is clean. Never throws. */
    public List<Finding> check(String input) {
        return switch (Address.check(input)) {
            case Address.Invalid i -> List.of(new Finding(Problem.SYNTAX, i.reason()));
            case Address.Valid v -> checkValid(v);
        };
    }

    private List<Finding> checkValid(Address.Valid v) {
        List<Finding> out = new ArrayList<>(2);
        String local = v.address().substring(0, v.address().lastIndexOf('@'));
        if (domains != null && !v.domain().startsWith("[")) {
            domains.check(v.domain()).ifPresent(out::add);
        }
        ProviderTypos.providerFor(v.domain()).ifPresent(provider -> out.add(new Finding(Problem.TYPO,
                v.domain() + " looks like a misspelling of " + provider, local + "@" + provider)));
        if (RoleAccounts.isRole(local)) {
            out.add(new Finding(Problem.ROLE_ACCOUNT, local + " is a role account, not a person"));
        }
        out.sort((a, b) -> a.problem().compareTo(b.problem()));
        return List.copyOf(out);
    }
}
