package ui

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// terminalCard reads cleanly: a Visa with no chip (service code 101).
const terminalCard = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?"

// TestTerminalRow renders the row in each of its states, in both
// languages: open with nothing chosen, open with a choice and what it
// means before a swipe, folded under a result, and opened again.
func TestTerminalRow(t *testing.T) {
	for _, l := range []message.Lang{message.English, message.Chinese} {
		open := app.HTMLString(&TerminalRow{Lang: l})
		for _, m := range message.Terminals() {
			marker := `data-terminal-said="` + m.Code + `"`
			if got := attr(t, open, marker, "aria-pressed"); got != "false" {
				t.Errorf("%s %s: aria-pressed %q with nothing chosen", l, m.Code, got)
			}
			if !strings.Contains(open, html.EscapeString(l.Text(m.Gloss))) {
				t.Errorf("%s: no choice reads %q", l, l.Text(m.Gloss))
			}
		}
		if got := attr(t, open, `id="terminal-none"`, "aria-pressed"); got != "true" {
			t.Errorf("%s: none of these pressed %q with nothing chosen", l, got)
		}
		if attr(t, open, `class="panel terminal"`, "data-folded") != "false" || strings.Contains(open, "terminal-meaning") {
			t.Errorf("%s: the row before a choice:\n%s", l, open)
		}

		chosen := app.HTMLString(&TerminalRow{Lang: l, Said: "not_authenticated"})
		if got := attr(t, chosen, `data-terminal-said="not_authenticated"`, "aria-pressed"); got != "true" {
			t.Errorf("%s: the chosen message's aria-pressed %q", l, got)
		}
		if got := attr(t, chosen, `id="terminal-none"`, "aria-pressed"); got != "false" {
			t.Errorf("%s: none of these pressed %q with a choice", l, got)
		}
		if !strings.Contains(chosen, html.EscapeString(l.Text(message.TermNotAuthenticatedMeaning))) {
			t.Errorf("%s: the row does not say what the message means before a swipe", l)
		}
		// The English page quotes the terminal's Chinese words; the Chinese
		// page shows them as its gloss, and quotes the rest.
		words := map[message.Lang]string{message.English: "磁条卡未认证 / 请先进行磁条卡认证", message.Chinese: "请先进行磁条卡认证"}[l]
		if !regexp.MustCompile(`<span[^>]*\slang="zh-Hans"[^>]*>` + regexp.QuoteMeta(words) + `</span>`).MatchString(chosen) {
			t.Errorf("%s: the terminal's words %q are not quoted, marked as Chinese", l, words)
		}

		folded := app.HTMLString(&TerminalRow{Lang: l, Said: "not_authenticated", Swiped: true})
		if attr(t, folded, `class="panel terminal"`, "data-folded") != "true" || strings.Contains(folded, "terminal-choice") ||
			!strings.Contains(folded, html.EscapeString(l.Text(message.TerminalSaidLabel))) || !strings.Contains(folded, `id="terminal-change"`) {
			t.Errorf("%s: the folded row:\n%s", l, folded)
		}
		unset := app.HTMLString(&TerminalRow{Lang: l, Swiped: true})
		if !strings.Contains(unset, html.EscapeString(l.Text(message.TerminalSaidQuestion))) || attr(t, unset, `class="panel terminal"`, "data-said") != "" {
			t.Errorf("%s: the folded row with nothing chosen:\n%s", l, unset)
		}
		reopened := app.HTMLString(&TerminalRow{Lang: l, Said: "not_authenticated", Swiped: true, open: true})
		if !strings.Contains(reopened, "terminal-choice") || strings.Contains(reopened, "terminal-meaning") {
			t.Errorf("%s: the row opened under a result:\n%s", l, reopened)
		}
	}
}

// TestPageTerminalSaid renders the page with what the terminal said in
// its session: the verdict is the one the decoder gives with it.
func TestPageTerminalSaid(t *testing.T) {
	r := decode(t, terminalCard)
	for _, l := range []message.Lang{message.English, message.Chinese} {
		p := newPage(l, r)
		p.session.SetTerminalSaid(decoder.SaidNotAuthenticated)
		page := app.HTMLString(p)
		want := r.Told(decoder.SaidNotAuthenticated).Verdict(l)
		if !strings.Contains(page, html.EscapeString(want)) {
			t.Errorf("%s: the page lacks the verdict %q", l, want)
		}
		if got := attr(t, page, `class="verdict`, "data-fault"); got != "provider" {
			t.Errorf("%s: verdict fault %q", l, got)
		}
		if got := attr(t, page, `class="panel terminal"`, "data-said"); got != "not_authenticated" {
			t.Errorf("%s: the row's data-said %q", l, got)
		}
	}
}
