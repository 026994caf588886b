//go:build !wasm

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/message"
)

// terminalCard is the card of the terminal tests: a Visa with no chip
// (service code 101) that reads cleanly, as `magcheck decode` reads it in
// the README.
const terminalCard = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?"

// saidOnPage is the page root's data-terminal-said, and whether the
// attribute is there at all.
const saidOnPage = `(() => {
	const root = document.getElementById('magcheck');
	return root.hasAttribute('data-terminal-said') ? root.getAttribute('data-terminal-said') : null;
})()`

// chooseTerminal taps what the terminal said (code "" for none of these),
// opening the row first when a swipe has folded it, waits until the page
// holds the choice, and keeps it in the test's mirror of the visit.
func (p *Page) chooseTerminal(code string) {
	p.t.Helper()
	if p.Attr(".terminal", "data-folded") == "true" {
		p.Click("#terminal-change")
		p.WaitFor(`.terminal[data-folded="false"]`)
	}
	sel := "#terminal-none"
	if code != "" {
		sel = `.terminal-choices [data-terminal-said="` + code + `"]`
	}
	p.Click(sel)
	// The row shows the choice once the page has drawn it, folded again
	// when a swipe is on screen.
	row := `.terminal[data-said="` + code + `"]`
	if code == "" {
		row = `.terminal:not([data-said])`
	}
	p.waitUntil("the page to draw what the terminal said", saidOnPage+" === "+jsValue(code)+
		` && !!document.querySelector('`+row+`[data-folded="' + !document.querySelector('.empty') + '"]')`)
	p.visit.SetTerminalSaid(decoder.TerminalSaid(code))
}

// pressedTerminal is the code of every choice shown pressed ("" for none
// of these).
func pressedTerminal(p *Page) []string {
	return evalAs[[]string](p, `[...document.querySelectorAll('.terminal-choice[aria-pressed="true"]')]
		.map(b => b.dataset.terminalSaid ?? '')`)
}

// checkTerminalResult checks that the page shows exactly the visit's view
// of r, told what the terminal said, in lang: the verdict, the findings,
// the hooks, and both saved reports.
func checkTerminalResult(t *testing.T, p *Page, r *decoder.Report, lang message.Lang) {
	t.Helper()
	v := p.visit.View(r, lang, false)
	if got := p.Text(".verdict-text"); got != v.Verdict {
		t.Errorf("verdict %q, want %q", got, v.Verdict)
	}
	if got := p.Attr(".verdict", "data-fault"); got != v.Fault {
		t.Errorf("verdict's fault %q, want %q", got, v.Fault)
	}
	if lang == message.English {
		sameResult(t, readResult(p), p.want(r))
	}
	said := string(p.visit.TerminalSaid())
	if got := evalAs[any](p, saidOnPage); got != said {
		t.Errorf("page root data-terminal-said %#v, want %q", got, said)
	}
	if got := pressedTerminal(p); len(got) != 0 {
		// The row folds once a swipe is on screen; a folded row has no
		// choices, so none is pressed.
		t.Errorf("choices shown pressed under a result: %q", got)
	}
	if m, ok := message.TerminalByCode(said); ok {
		if got, want := p.Text(".terminal-line strong"), lang.Text(m.Gloss); got != want {
			t.Errorf("folded row says %q, want %q", got, want)
		}
		if got, want := evalAs[string](p, `document.querySelector('.terminal-line .terminal-words')?.textContent ?? ''`), m.Quoted(lang); got != want {
			t.Errorf("folded row quotes the terminal as %q, want %q", got, want)
		}
	}
	blobs, _ := saveReports(p)
	text := blobs[0].Text
	var view decoder.View
	if err := json.Unmarshal([]byte(blobs[1].Text), &view); err != nil {
		t.Fatalf("the JSON report: %v\n%s", err, blobs[1].Text)
	}
	if !strings.HasPrefix(text, v.Text()) {
		t.Errorf("text report:\n%s\nwant it to start with:\n%s", text, v.Text())
	}
	line := lang.Text(message.TerminalSaidLabel) + ": " + v.TerminalSaidText + "\n"
	if strings.Contains(text, line) != (said != "") {
		t.Errorf("text report has the terminal's line %q: %v, want %v", line, said == "", said != "")
	}
	// Timing is measured from event timestamps, which the browser rounds.
	view.Timing, v.Timing = nil, nil
	gotJSON, _ := json.Marshal(view)
	wantJSON, _ := json.Marshal(v)
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("JSON report\n\t%s\nwant\n\t%s", gotJSON, wantJSON)
	}
	if view.TerminalSaid != said {
		t.Errorf("JSON terminal_said %q, want %q", view.TerminalSaid, said)
	}
}

// TestTerminalSaid: what the terminal said, chosen before and after a
// swipe, changes the verdict, the hooks and the saved reports, in English
// and Chinese; none of these and Clear unset it; nothing of it is stored
// or sent. Screenshots of the row at tablet and desktop sizes go to
// e2e/out/.
func TestTerminalSaid(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	if got := evalAs[any](p, saidOnPage); got != "" {
		t.Fatalf("page root data-terminal-said %#v before a choice, want present and empty", got)
	}
	var codes []string
	for _, m := range message.Terminals() {
		codes = append(codes, m.Code)
	}
	shown := evalAs[[]string](p, `[...document.querySelectorAll('.terminal-choices [data-terminal-said]')].map(b => b.dataset.terminalSaid)`)
	if !slices.Equal(shown, codes) {
		t.Errorf("choices %q, want %q", shown, codes)
	}
	if got := pressedTerminal(p); !slices.Equal(got, []string{""}) {
		t.Errorf("before a choice, pressed %q, want only none of these", got)
	}

	// Before a swipe: the choice holds, and the row says what it means.
	p.chooseTerminal("not_authenticated")
	if got := pressedTerminal(p); !slices.Equal(got, []string{"not_authenticated"}) {
		t.Errorf("pressed %q, want not_authenticated", got)
	}
	meaning := message.English.Text(message.TermNotAuthenticatedMeaning)
	if got := p.Text(".terminal-meaning"); got != meaning {
		t.Errorf("meaning %q, want %q", got, meaning)
	}
	if got := p.Text(`.terminal-choices [data-terminal-said="not_authenticated"] .terminal-words`); got != "磁条卡未认证 / 请先进行磁条卡认证" {
		t.Errorf("the English choice quotes the terminal as %q", got)
	}
	terminalScreens(t, p, "terminal-open")

	r := swipe(p, terminalCard, "us", false, 1)
	p.WaitFor(`.terminal[data-folded="true"]`)
	checkTerminalResult(t, p, r, message.English)
	const verified = "The card and the reader are fine: Magstripe card verification needed (磁条卡认证)."
	if got := p.Text(".verdict-text"); got != verified {
		t.Errorf("verdict %q, want %q", got, verified)
	}
	if got := readResult(p).Findings; len(got) == 0 || got[0] != "magstripe_verification_required" {
		t.Errorf("findings %q, want magstripe_verification_required first", got)
	}
	terminalScreens(t, p, "terminal-folded")
	// On paper: what the terminal said, without the button.
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := evalAs[[]string](p, `['.terminal', '.terminal-line strong', '#terminal-change']
		.map(s => getComputedStyle(document.querySelector(s)).display)`); got[0] == "none" || got[1] == "none" || got[2] != "none" {
		t.Errorf("print: the terminal's line, its message and Change have display %q", got)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	// After the swipe: another message, then none of these.
	p.chooseTerminal("insert_chip")
	checkTerminalResult(t, p, r, message.English)
	if got := readResult(p).Findings; !slices.Contains(got, "terminal_magstripe_refused") {
		t.Errorf("insert_chip with no chip: findings %q", got)
	}
	p.chooseTerminal("")
	checkTerminalResult(t, p, r, message.English)
	if got := p.Text(".verdict-text"); got != message.English.Text(message.VerdictHost) {
		t.Errorf("none of these: verdict %q", got)
	}

	// In Chinese, a message chosen after the swipe.
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	p.chooseTerminal("not_authenticated")
	checkTerminalResult(t, p, r, message.Chinese)
	if got := p.Text(".verdict-text"); got != "卡片和读卡器都正常：需要进行磁条卡认证。" {
		t.Errorf("Chinese verdict %q", got)
	}
	terminalScreens(t, p, "terminal-zh-folded")
	p.Click("#terminal-change")
	p.WaitFor(`.terminal[data-folded="false"]`)
	terminalScreens(t, p, "terminal-zh-open")
	if got := p.Text(`.terminal-choices [data-terminal-said="not_authenticated"]`); got != "磁条卡未认证请先进行磁条卡认证" {
		t.Errorf("the Chinese choice reads %q", got)
	}
	p.chooseTerminal("read_failed")
	checkTerminalResult(t, p, r, message.Chinese)
	if got := p.Attr(".verdict", "data-fault"); got != "reader" {
		t.Errorf("read_failed with a clean read: fault %q, want reader (the terminal's)", got)
	}
	p.Click(`button[data-lang="en"]`)
	p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)

	// Privacy: the choice lives in page memory only.
	for _, u := range append(p.Requests(), p.Served()...) {
		if strings.Contains(u, "read_failed") || strings.Contains(u, "terminal") {
			t.Errorf("a request names the terminal's message: %s", u)
		}
	}
	if hits := storedText(p, false, "read_failed", "not_authenticated"); len(hits) > 0 {
		t.Errorf("the choice is stored: %q", hits)
	}
	assertNoCardDataStored(p)

	// Clear starts a new visit: nothing chosen.
	p.Click("#clear")
	p.WaitFor(".empty")
	if got := evalAs[any](p, saidOnPage); got != "" {
		t.Errorf("after Clear, data-terminal-said %#v, want present and empty", got)
	}
	if got := pressedTerminal(p); !slices.Equal(got, []string{""}) {
		t.Errorf("after Clear, pressed %q", got)
	}
	// A reload forgets it too: nothing was kept.
	p.chooseTerminal("expired")
	p.Reload()
	if got := evalAs[any](p, saidOnPage); got != "" {
		t.Errorf("after a reload, data-terminal-said %#v, want present and empty", got)
	}
}

// terminalScreens saves what a tablet held either way and a desktop show
// first of the page (e2e/out/NAME-WxH.png), checks that nothing there
// scrolls sideways or is too small to tap, and that a result's verdict is
// on the first screen.
func terminalScreens(t *testing.T, p *Page, name string) {
	t.Helper()
	for _, size := range []struct{ w, h int64 }{{800, 1280}, {1280, 800}, {1024, 600}} {
		if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: size.w, Height: size.h, DeviceScaleFactor: 1,
		}); err != nil {
			t.Fatal(err)
		}
		r := evalAs[tabletReport](p, tabletCheck)
		for _, problem := range r.layoutProblems() {
			t.Errorf("%s at %dx%d: %s", name, size.w, size.h, problem)
		}
		if r.Verdict != nil && r.Verdict.Top >= r.Viewport.Height {
			t.Errorf("%s at %dx%d: the verdict starts at %v px, below the first screen", name, size.w, size.h, r.Verdict.Top)
		}
		screen, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.MkdirAll(outDir, 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(outDir, fmt.Sprintf("%s-%dx%d.png", name, size.w, size.h)), screen, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
	if _, err := chromedp.Call(p.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
}

// TestEngineTerminalSaid chooses what the terminal said in Firefox and
// WebKit, swipes, and checks the verdict, the hooks and the reports, in
// English and Chinese; then changes and unsets it.
func TestEngineTerminalSaid(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		if err := p.tap("touch", `.terminal-choices [data-terminal-said="not_authenticated"]`); err != nil {
			t.Fatal(err)
		}
		p.waitUntil("not_authenticated chosen", saidOnPage+` === "not_authenticated"`)
		r := engineSwipe(p, engineCard, true)
		// engineSwipe starts a new visit when it must type again, and a new
		// visit forgets the choice: then it is made after the swipe.
		if evalAs[string](p, saidOnPage) != "not_authenticated" {
			p.chooseTerminal("not_authenticated")
		}
		checkTerminalResult(t, p, r, message.English)
		if got := p.Attr(".verdict", "data-fault"); got != "provider" {
			t.Errorf("fault %q, want provider", got)
		}
		p.Screenshot("engine-" + engine + "-terminal")

		if err := p.tap("touch", `button[data-lang="zh"]`); err != nil {
			t.Fatal(err)
		}
		p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
		checkTerminalResult(t, p, r, message.Chinese)
		p.chooseTerminal("expired")
		checkTerminalResult(t, p, r, message.Chinese)
		if got := p.Attr(".verdict", "data-fault"); got != "setup" {
			t.Errorf("expired with an expiry ahead: fault %q, want setup (the terminal's clock)", got)
		}
		p.Screenshot("engine-" + engine + "-terminal-zh")
		p.chooseTerminal("")
		checkTerminalResult(t, p, r, message.Chinese)
		p.Click(`button[data-lang="en"]`)
		p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)
		if hits := storedText(p, false, "not_authenticated", "expired"); len(hits) > 0 {
			t.Errorf("the choice is stored: %q", hits)
		}
	})
}
