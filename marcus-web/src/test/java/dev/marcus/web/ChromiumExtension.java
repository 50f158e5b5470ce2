package dev.marcus.web;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for a test class (starting one per test would be slow on a shared machine): started before
 * the class's first test (skipped locally, a failure in CI, when Chromium is missing), closed after its last.
 * <pre>{@code @RegisterExtension static final ChromiumExtension CHROMIUM = new ChromiumExtension();}</pre>
 */
final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {
    private HeadlessChromium browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = HeadlessChromium.startOrSkip();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    HeadlessChromium browser() {
        if (browser == null) {
            throw new IllegalStateException("the browser runs only between the class's first and last test");
        }
        return browser;
    }
}
