package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test drives Debian's chromium through the main pages and the
// first-start write flow. It needs BYDESIGN_TEST_BROWSER set: to 1 for
// chromium at /usr/bin/chromium, or to the browser's path. Screenshots of failures go to
// BYDESIGN_TEST_ARTIFACTS, or a temporary directory named in the log.

func browserPath(t *testing.T) string {
	v := os.Getenv("BYDESIGN_TEST_BROWSER")
	if v == "" {
		t.Skip("browser test skipped: set BYDESIGN_TEST_BROWSER=1 (or to the chromium path) to drive chromium (Debian package chromium)")
	}
	path := "/usr/bin/chromium"
	if strings.HasPrefix(v, "/") {
		path = v
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("browser test skipped: no chromium at %s (install the Debian package chromium or set BYDESIGN_TEST_BROWSER to its path)", path)
	}
	return path
}

type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	step string
}

// run performs one named step; on failure it saves a screenshot and the
// page's HTML, then stops the test.
func (b *tab) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.step = step
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail("%s: %v", step, err)
	}
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.fail("%s: read %s: %v", b.step, sel, err)
	}
	return s
}

func (b *tab) eval(expr string) bool {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
	if err != nil {
		b.fail("%s: eval: %v", b.step, err)
	}
	return ok
}

func (b *tab) expect(sel, want string) {
	b.t.Helper()
	if got := b.text(sel); !strings.Contains(got, want) {
		b.fail("%s: %s says %q, want %q", b.step, sel, clip(got), want)
	}
}

func (b *tab) fail(format string, args ...any) {
	b.t.Helper()
	dir := os.Getenv("BYDESIGN_TEST_ARTIFACTS")
	if dir == "" {
		dir, _ = os.MkdirTemp("", "bydesign-browser-")
	}
	os.MkdirAll(dir, 0o755)
	name := filepath.Join(dir, strings.NewReplacer(" ", "-", "/", "-").Replace(b.t.Name()+"-"+b.step))
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second) // the same tab
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(name+".png", png, 0o644)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
		os.WriteFile(name+".html", []byte(html), 0o644)
	}
	b.t.Fatalf(format+" (screenshot: %s.png)", append(args, name)...)
}

// snap saves a screenshot of the current page when BYDESIGN_TEST_ARTIFACTS
// is set, for review of the layout; it never fails the test.
func (b *tab) snap(name string) {
	dir := os.Getenv("BYDESIGN_TEST_ARTIFACTS")
	if dir == "" {
		return
	}
	os.MkdirAll(dir, 0o755)
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
}

// until waits for a JavaScript condition, typically that a navigation a
// click started has landed.
func (b *tab) until(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond) // a navigation may be under way
	}
	b.fail("%s: waiting for %s: %v", b.step, expr, err)
}

func TestBrowser(t *testing.T) {
	path := browserPath(t)
	f := newEmptyFixture(t, sqliteBackend) // the handler suite covers PostgreSQL; one browser run is enough
	setup, err := f.auth.Bootstrap(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	console := chromedp.Console(ctx)
	b := &tab{t: t, ctx: ctx, base: ts.URL}
	nav := func(p string) chromedp.Action[chromedp.Void] { return chromedp.Navigate(ts.URL + p) }

	// Journey 1: the regulator filters, looks at coverage, compares, exports.
	b.run("home", nav("/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.expect("main .lead", "documents from")
	b.snap("home")
	b.run("documents filtered by region",
		nav("/documents"),
		chromedp.SetValue(chromedp.CSS(`select[name=region]`), "WEOG"),
		chromedp.SetValue(chromedp.CSS(`select[name=legal_force]`), "mandatory"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
	b.until(`location.search.includes("region=WEOG") && document.readyState == "complete"`)
	b.expect(`p[role=status]`, "documents")
	if !b.eval(`document.querySelectorAll("tbody tr td a").length > 0`) {
		b.fail("no WEOG document listed")
	}
	b.snap("documents")
	b.run("document detail", chromedp.Click(chromedp.CSS(`tbody tr td a`)), chromedp.WaitVisible(chromedp.CSS(`dl.facts`)))
	b.run("coverage", nav("/coverage?by=region"), chromedp.WaitVisible(chromedp.CSS(`figure img`)))
	b.until(`document.images.length == 2 && Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)`)
	b.snap("coverage")
	b.run("compare three jurisdictions",
		nav("/compare"),
		chromedp.Click(chromedp.CSS(`input[value=GB]`)), chromedp.Click(chromedp.CSS(`input[value=US]`)), chromedp.Click(chromedp.CSS(`input[value=SG]`)),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`td.all, td.some, td.none`)))
	b.expect(`p[role=status]`, "covered in every chosen jurisdiction")
	b.snap("compare")
	b.step = "compare export link"
	if !b.eval(`!!document.querySelector('a[href*="/api/v1/compare?"][href*="format=csv"]')`) {
		b.fail("no CSV export link")
	}
	b.run("gaps of a region", nav("/gaps"), chromedp.SetValue(chromedp.CSS(`select[name=region]`), "African Group"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)))
	b.until(`location.search.includes("region=African") && document.readyState == "complete"`)
	b.expect(`p[role=status]`, "African Group")

	// Keyboard: the first Tab reaches the skip link.
	b.run("skip link", nav("/practices"), chromedp.KeyEvent("\t"))
	if !b.eval(`document.activeElement.classList.contains("skip")`) {
		b.fail("first Tab does not reach the skip link")
	}
	// A phone-sized screen: the page itself never scrolls sideways.
	b.run("phone", chromedp.EmulateViewport(375, 740, chromedp.EmulateScale(2)), nav("/compare?j=GB&j=US&j=SG&j=JP"))
	if !b.eval(`document.documentElement.scrollWidth <= window.innerWidth + 1`) {
		b.fail("page wider than a phone screen")
	}
	b.snap("compare-phone")
	b.run("desktop again", chromedp.EmulateViewport(1280, 900))

	// The write flow: setup link, sign in, add a product, see it listed.
	const pw = "a browser test password"
	b.run("setup", nav("/setup?token="+setup),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.SendKeys(chromedp.CSS(`input[name=password2]`), pw),
		chromedp.Submit(chromedp.CSS(`form.stack`)))
	b.until(`location.pathname == "/login" && document.readyState == "complete"`)
	b.run("login",
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.Submit(chromedp.CSS(`form.stack`)))
	b.until(`location.pathname == "/account" && document.readyState == "complete"`)
	b.expect("main", "Signed in as admin")
	model := fmt.Sprintf("Browser Cam %d", time.Now().UnixNano()%1000)
	b.run("add product", nav("/products/new"),
		chromedp.SendKeys(chromedp.CSS(`input[name=manufacturer]`), "Example Devices"),
		chromedp.SendKeys(chromedp.CSS(`input[name=model]`), model),
		chromedp.SendKeys(chromedp.CSS(`input[name=versions]`), "1.0, 1.1"),
		chromedp.SetValue(chromedp.CSS(`textarea[name=declaration]`), exampleDeclaration(t, "camera-pass.yaml")),
		chromedp.Submit(chromedp.CSS(`form.stack`)))
	b.until(`/^\/products\/\d+$/.test(location.pathname) && document.readyState == "complete"`)
	b.expect("main h1", model)
	b.run("assess the product",
		chromedp.Click(chromedp.CSS(`input[name=market][value=eu-cra]`)),
		chromedp.Click(chromedp.CSS(`input[name=market][value=uk-psti]`)),
		chromedp.Submit(chromedp.CSS(`form[action$="/assess"]`)))
	b.until(`location.hash == "#assessments" && !!document.querySelector("td.verdict")`)
	b.expect("td.verdict", "pass")
	b.snap("product")
	b.run("products list", nav("/products"), chromedp.WaitVisible(chromedp.CSS(`#products`)))
	b.expect("#products", model)
	b.run("issue a token", nav("/account"),
		chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "ci"),
		chromedp.Submit(chromedp.CSS(`form[action="/account/tokens"]`)))
	b.until(`!!document.querySelector("#new-token")`)
	b.expect("#new-token", "bdt_")

	// No page broke its Content-Security-Policy or threw.
	b.step = "console"
	var problems []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || strings.Contains(m.Text, "Content Security Policy") {
				problems = append(problems, m.String()+" "+m.URL)
			}
		}
	}()
	time.Sleep(500 * time.Millisecond)
	cancel()
	<-done
	if len(problems) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(problems, "\n"))
	}
}
