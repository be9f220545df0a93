package dev.homing.cli;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium for the web UI tests: Debian's chromium driven by Playwright, which downloads no
 * browser. One per test class (starting one costs about a second); a screenshot of the page under
 * {@code target/screenshots/} when a test fails.
 */
final class Browser implements AutoCloseable, TestWatcher {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private Page current;

    Browser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium (.ci/run does: apt-get install chromium)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    /** A fresh browser profile (no cookies) with a page; phone-sized when asked. */
    Page page(boolean phone) {
        BrowserContext context = browser.newContext(phone
                ? new NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)
                : new NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        current = context.newPage();
        return current;
    }

    /** Every page still open in every profile, so the one the failing step used is among them. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        int n = 0;
        for (BrowserContext c : browser.contexts()) {
            for (Page p : c.pages()) {
                try {
                    Path dir = Path.of("target", "screenshots");
                    Files.createDirectories(dir);
                    Path file = dir.resolve(name + (n++ == 0 ? "" : "-" + n) + ".png");
                    p.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                    System.err.println("screenshot of a page open when the test failed: " + file.toAbsolutePath() + " (at " + p.url() + ")");
                } catch (RuntimeException | java.io.IOException e) {
                    System.err.println("no screenshot of " + p.url() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * What a screen reader and a keyboard need, checked on the page as it is: a language, one h1, a
     * label for every field, a name for every button and link, a caption for every table, no
     * positive tabindex; and nothing wider than a phone's screen. Then a screenshot for the record.
     */
    static void accessible(Page p, String name) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) p.evaluate("""
                () => {
                  const out = [];
                  if (!document.documentElement.lang) out.push('no lang on html');
                  if (document.querySelectorAll('h1').length !== 1) out.push('h1 count ' + document.querySelectorAll('h1').length);
                  for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                    const labelled = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label') || e.getAttribute('aria-label');
                    if (!labelled && !e.closest('.hp')) out.push('unlabelled ' + e.outerHTML.slice(0, 80));
                  }
                  for (const e of document.querySelectorAll('button, a')) {
                    if (!(e.textContent.trim() || e.getAttribute('aria-label'))) out.push('nameless ' + e.outerHTML.slice(0, 80));
                  }
                  for (const t of document.querySelectorAll('table')) if (!t.querySelector('caption')) out.push('table without caption');
                  for (const e of document.querySelectorAll('[tabindex]')) if (+e.getAttribute('tabindex') > 0) out.push('positive tabindex');
                  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                    const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                        && !e.closest('.scroll')).slice(0, 3).map(e => e.tagName + '.' + e.className);
                    out.push('wider than the screen: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth + ' ' + wide);
                  }
                  return out;
                }""");
        org.assertj.core.api.Assertions.assertThat(problems).as("accessibility of " + p.url()).isEmpty();
        Path dir = Path.of("target", "screenshots", "tour");
        Files.createDirectories(dir);
        p.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** The browser first, then the servers a browser test started, in order; those never started (null) are skipped. */
    void closeWith(AutoCloseable... servers) throws Exception {
        close();
        for (AutoCloseable s : servers) {
            if (s != null) {
                s.close();
            }
        }
    }
}
