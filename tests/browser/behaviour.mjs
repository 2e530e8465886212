// node behaviour.mjs SITE_DIR ROADMAP_PATH
// Drives the built site in headless Chromium and prints what it observed as
// JSON; tests/browser.rs makes the assertions.
import { serve, launch, newPage } from "./lib.mjs";

const [dir, roadmap] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launch();
const out = {};
const attrs = (page) => page.evaluate(() => {
  const h = document.documentElement;
  const cs = getComputedStyle(document.body);
  return {
    font: h.getAttribute("data-font"), scheme: h.getAttribute("data-scheme"),
    spacing: h.getAttribute("data-spacing"), images: h.getAttribute("data-images"),
    rootFontPx: parseFloat(getComputedStyle(h).fontSize), bodyBg: cs.backgroundColor, bodyFg: cs.color,
    letterSpacing: cs.letterSpacing, panelOpen: document.getElementById("a11y").open,
    pressed: [...document.querySelectorAll('[aria-pressed="true"]')].map((b) => b.getAttribute("data-a11y-key") + "=" + b.getAttribute("data-a11y-value")),
    scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
  };
});
try {
  // 1. Search: a query in one form finds other forms.
  {
    const { context, page } = await newPage(browser);
    await page.goto(server.url + "/search/?q=" + encodeURIComponent("наставник"));
    await page.waitForFunction(() => /найден|ничего/.test(document.getElementById("search-status").textContent));
    out.search = await page.evaluate(() => ({
      status: document.getElementById("search-status").textContent,
      results: [...document.querySelectorAll("#search-list li")].map((li) => ({
        title: li.querySelector("a").textContent, url: li.querySelector("a").getAttribute("href"),
        text: li.textContent })),
    }));
    // A second query typed into the form, without reloading the page.
    await page.fill("#search-q", "несуществующееслово");
    await page.click(".search-form button[type=submit]");
    await page.waitForFunction(() => /ничего/.test(document.getElementById("search-status").textContent));
    out.searchNone = await page.textContent("#search-status");
    // The header form on another page leads to the search page.
    await page.goto(server.url + "/");
    await page.fill("#header-q", "дорожная карта");
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press("#header-q", "Enter")]);
    await page.waitForFunction(() => /найден|ничего/.test(document.getElementById("search-status").textContent));
    out.headerSearchCount = await page.locator("#search-list li").count();
    await context.close();
  }
  // 2. The version for the visually impaired: choose, move to another page, it holds.
  {
    const { context, page } = await newPage(browser);
    await page.goto(server.url + "/");
    out.before = await attrs(page);
    // The controls a11y.js adds to the panel, as a screen reader reads them.
    out.panel = await page.evaluate(() => [...document.querySelectorAll("#a11y fieldset, #a11y .a11y-reset")]
      .map((f) => f.tagName === "FIELDSET"
        ? f.querySelector("legend").textContent + " " + [...f.querySelectorAll("button")]
          .map((b) => b.textContent + " [" + b.getAttribute("data-a11y-key") + "=" + b.getAttribute("data-a11y-value") + "]").join(", ")
        : f.textContent));
    await page.click("#a11y summary");
    await page.click('[data-a11y-key="font"][data-a11y-value="3"]');
    await page.click('[data-a11y-key="scheme"][data-a11y-value="wb"]');
    await page.click('[data-a11y-key="spacing"][data-a11y-value="wide"]');
    const probe = () => page.evaluate(() => {
      let img = document.getElementById("probe-img");
      if (!img) {
        img = document.createElement("img");
        img.id = "probe-img"; img.alt = "проба"; img.width = 10; img.height = 10;
        img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        document.querySelector("main").appendChild(img);
      }
      return getComputedStyle(img).display;
    });
    out.imageShownBefore = await probe();
    await page.click('[data-a11y-key="images"][data-a11y-value="off"]');
    out.imageShownAfter = await probe();
    out.altShown = await page.evaluate(() => {
      const alt = document.querySelector("#probe-img + .a11y-alt");
      return alt ? { text: alt.textContent, display: getComputedStyle(alt).display } : null;
    });
    out.afterClick = await attrs(page);
    await page.goto(server.url + roadmap);
    out.nextPage = await attrs(page);
    await page.click('[data-a11y-key="scheme"][data-a11y-value="blue"]');
    out.blue = await attrs(page);
    await page.click("[data-a11y-reset]");
    out.reset = await attrs(page);
    await page.reload();
    out.afterReload = await attrs(page);
    await context.close();
  }
  // 3. Keyboard: the first Tab reaches the skip link, which moves focus to <main>.
  {
    const { context, page } = await newPage(browser);
    await page.goto(server.url + roadmap);
    await page.keyboard.press("Tab");
    out.firstTab = await page.evaluate(() => ({ text: document.activeElement.textContent.trim(),
      outline: getComputedStyle(document.activeElement).outlineStyle,
      left: document.activeElement.getBoundingClientRect().left }));
    await page.keyboard.press("Enter");
    out.afterSkip = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
    // The panel by keyboard alone: Tab to «Версия для слабовидящих», Enter opens
    // it, Tab to the third «А», Space presses it.
    await page.reload();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    out.secondTab = await page.evaluate(() => document.activeElement.textContent.trim());
    await page.keyboard.press("Enter");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    out.thirdFontFocused = await page.evaluate(() => document.activeElement.getAttribute("data-a11y-value"));
    await page.keyboard.press("Space");
    out.keyboardFont = (await attrs(page)).font;
    await context.close();
  }
  // 4. Without JavaScript: content and navigation are there, the panel explains zoom.
  {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(server.url + roadmap);
    await page.click("#a11y summary");
    out.noJs = await page.evaluate(() => ({
      navLinks: document.querySelectorAll(".site-nav a").length,
      rows: document.querySelectorAll("table.measures tbody tr").length,
      hintVisible: getComputedStyle(document.querySelector(".a11y-nojs")).display !== "none",
      controlsVisible: [...document.querySelectorAll(".a11y-controls")].some((c) => getComputedStyle(c).display !== "none"),
      panelButtons: document.querySelectorAll("#a11y button").length,
    }));
    await context.close();
  }
  // 5. A 360-pixel phone: no horizontal scrolling of the page, at the largest font too.
  {
    const { context, page } = await newPage(browser, { width: 360 });
    out.phone = {};
    for (const p of ["/", roadmap, "/events/", "/search/"]) {
      await page.goto(server.url + p);
      const a = await attrs(page);
      out.phone[p] = { scrollWidth: a.scrollWidth, clientWidth: a.clientWidth };
    }
    await context.close();
    // The same phone at the largest font with wide spacing (like 200 % zoom).
    const big = await newPage(browser, { width: 360, settings: { font: "3", scheme: "wb", spacing: "wide", images: "on" } });
    out.phoneLarge = {};
    for (const p of ["/", roadmap, "/events/", "/search/"]) {
      await big.page.goto(server.url + p);
      const a = await attrs(big.page);
      out.phoneLarge[p] = { scrollWidth: a.scrollWidth, clientWidth: a.clientWidth, font: a.font };
    }
    await big.context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
