package dev.horae.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through Debian's chromedriver (scripts/ensure-chromium.sh installs
 * both), in a time zone of the test's choosing, with every network feature that would call out of
 * this machine turned off.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final String CHROMIUM = System.getProperty("horae.it.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = System.getProperty("horae.it.chromedriver", "/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;

  Browser(String timeZone, int width, int height) throws IOException {
    profile = Files.createTempDirectory("horae-chromium-");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("TZ", timeZone))
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--lang=en-GB", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  void open(String url) {
    driver.get(url);
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  WebElement find(String css) {
    return until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    });
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The labelled control whose label text starts with {@code label}, inside {@code scope}. */
  WebElement labelled(String scope, String label) {
    return until(d -> {
      for (WebElement l : d.findElements(By.cssSelector(scope + " label"))) {
        if (l.isDisplayed() && l.getText().strip().startsWith(label)) {
          String id = l.getAttribute("for");
          return id != null ? d.findElement(By.id(id)) : l.findElement(By.cssSelector("input, select, textarea"));
        }
      }
      return null;
    });
  }

  WebElement button(String scope, String text) {
    return until(d -> d.findElements(By.cssSelector(scope + " button, " + scope + " a")).stream()
        .filter(b -> b.isDisplayed() && b.getText().strip().equals(text)).findFirst().orElse(null));
  }

  void type(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  /** Sets a value the way a picker would (date and time inputs take keys in the browser's locale order). */
  void set(WebElement input, String value) {
    js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The page's violations of the WCAG 2.0/2.1 A and AA rules that axe-core checks (contrast, names
   * of controls, labels, landmarks, ARIA use…), one line each: rule, impact, help, first elements.
   */
  List<String> accessibilityViolations() {
    com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    return results.getViolations().stream().map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
        + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList()).toList();
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
