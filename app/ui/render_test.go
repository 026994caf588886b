package ui

import (
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// testNow fixes the clock expiry dates are checked against.
var testNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func decode(t testing.TB, input string) *decoder.Report {
	t.Helper()
	r, err := decoder.DecodeText(input, decoder.Options{Now: testNow})
	if err != nil {
		t.Fatalf("DecodeText(%q): %v", input, err)
	}
	return r
}

// newPage is a Page as the server prerenders it, showing r (if not nil).
func newPage(lang message.Lang, r *decoder.Report) *Page {
	p := &Page{}
	p.OnInit()
	p.lang = lang
	if r != nil {
		p.report = r
		p.session.Add(r)
	}
	return p
}

// attr returns the value of attribute name on the first element whose
// opening tag contains marker, as go-app writes it: a Go-quoted value, or
// the bare name for "true".
func attr(t *testing.T, page, marker, name string) string {
	t.Helper()
	re := regexp.MustCompile(`<[^>]*` + regexp.QuoteMeta(marker) + `[^>]*>`)
	tag := re.FindString(page)
	if tag == "" {
		t.Fatalf("no element with %s", marker)
	}
	m := regexp.MustCompile(`\s` + regexp.QuoteMeta(name) + `(="(?:[^"\\]|\\.)*")?[\s>]`).FindStringSubmatch(tag)
	switch {
	case m == nil:
		return ""
	case m[1] == "":
		return "true"
	}
	v, err := strconv.Unquote(m[1][1:])
	if err != nil {
		t.Fatalf("attribute %s: %v", m[0], err)
	}
	return v
}

// The page renders every vector with the test hooks holding the View's own
// values, and shows no full card number until revealed.
func TestRenderHooks(t *testing.T) {
	for _, vec := range testvectors.All() {
		t.Run(vec.ID, func(t *testing.T) {
			r := decode(t, vec.Input)
			for _, lang := range []message.Lang{message.English, message.Chinese} {
				page := app.HTMLString(newPage(lang, r))
				v := r.View(lang, false)
				if !strings.Contains(page, html.EscapeString(v.Verdict)) {
					t.Errorf("%s: verdict %q not shown", lang, v.Verdict)
				}
				for _, tr := range v.Tracks {
					marker := `data-track="` + strconv.Itoa(tr.Number) + `"`
					if got := attr(t, page, marker, "data-status"); got != tr.Status {
						t.Errorf("%s: track %d data-status %q, want %q", lang, tr.Number, got, tr.Status)
					}
				}
				for _, f := range v.Findings {
					if !strings.Contains(page, `data-code="`+f.Code+`"`) {
						t.Errorf("%s: finding %s not shown", lang, f.Code)
					}
				}
				if got, want := strings.Count(page, "data-code="), len(v.Findings); got != want {
					t.Errorf("%s: %d findings shown, want %d", lang, got, want)
				}
				if c := v.Card; c != nil {
					for name, want := range map[string]string{
						"data-pan-last4": c.PANLast4, "data-brand": c.Brand,
						"data-expiry": c.Expiry, "data-service-code": c.ServiceCode,
					} {
						if got := attr(t, page, "card-summary", name); got != want {
							t.Errorf("%s: %s = %q, want %q", lang, name, got, want)
						}
					}
					if full := r.Card.PAN; len(full) >= 13 && strings.Contains(page, full) {
						t.Errorf("%s: full PAN shown while masked", lang)
					}
				} else if strings.Contains(page, "card-summary") {
					t.Errorf("%s: card summary shown without a card", lang)
				}
			}
		})
	}
}

// Reveal shows the full number; the hide button is there while it shows.
func TestRenderReveal(t *testing.T) {
	r := decode(t, "%B4111111111111111^DOE/JANE^1805101000000000000000503000000?")
	p := newPage(message.English, r)
	if page := app.HTMLString(p); strings.Contains(page, "4111111111111111") || !strings.Contains(page, `id="reveal"`) {
		t.Error("masked page shows the full PAN or lacks the reveal button")
	}
	p.reveal = true
	page := app.HTMLString(p)
	if !strings.Contains(page, "4111111111111111") || !strings.Contains(page, "DOE/JANE") {
		t.Error("revealed page does not show the PAN and name")
	}
	if !strings.Contains(page, `id="hide"`) || strings.Contains(page, `id="reveal"`) {
		t.Error("revealed page: want the hide button instead of reveal")
	}
}

func TestRenderEmptyAndLanguages(t *testing.T) {
	for _, tt := range []struct {
		lang message.Lang
		want []string
	}{
		{message.English, []string{"No swipe yet.", "Swipe a card through the reader. No need to tap anything first.",
			"Paste a capture", "Everything is cleared after 10 minutes without use."}},
		{message.Chinese, []string{"尚未刷卡。", "请在读卡器上刷卡，无需先点击任何地方。", "粘贴采集数据", "10 分钟无操作后自动清除全部内容。"}},
	} {
		p := newPage(tt.lang, nil)
		page := app.HTMLString(p)
		for _, w := range tt.want {
			if !strings.Contains(page, html.EscapeString(w)) {
				t.Errorf("%s: page lacks %q", tt.lang, w)
			}
		}
		if strings.Contains(page, "card-summary") || strings.Contains(page, "data-track") || strings.Contains(page, "session-text") {
			t.Errorf("%s: empty page shows a result", tt.lang)
		}
		// Every region is there, in its place, before the first swipe.
		for _, region := range []string{`class="prompt"`, `class="result result-empty"`, `id="hid"`, `id="audio"`,
			`class="panel session"`, `class="panel paste"`} {
			if !strings.Contains(page, region) {
				t.Errorf("%s: empty page lacks the region %s", tt.lang, region)
			}
		}
		if got := attr(t, page, `data-lang="`+string(tt.lang)+`"`, "aria-pressed"); got != "true" {
			t.Errorf("%s: language button not pressed (%q)", tt.lang, got)
		}
		if got := attr(t, page, "prompt", "data-ready"); got != "false" {
			t.Errorf("%s: not mounted, data-ready = %q", tt.lang, got)
		}
		p.ready = true
		if got := attr(t, app.HTMLString(p), "prompt", "data-ready"); got != "true" {
			t.Errorf("%s: mounted, data-ready = %q", tt.lang, got)
		}
	}
}

// The session panel shows the summary's counts and words.
func TestRenderSession(t *testing.T) {
	s := decoder.NewSession(SessionSize)
	for _, in := range []string{
		"%E?;E?",
		"%B4111111111111111^DOE/JANE^3005101000000000000000503000000?;4111111111111111=30051010000000000000?",
		"%B5555555555554444^DOE/JANE^3005101000000000000000503000000?;5555555555554444=30051010000000000000?",
	} {
		s.Add(decode(t, in))
	}
	p := newPage(message.English, nil)
	p.session = s
	page := app.HTMLString(p)
	sum := s.Summary()
	for name, want := range map[string]string{
		"data-swipes": strconv.Itoa(sum.Swipes), "data-cards": strconv.Itoa(sum.Cards),
		"data-failed": strconv.Itoa(sum.Failed), "data-fault": string(sum.Fault),
	} {
		if got := attr(t, page, `class="panel session"`, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !strings.Contains(page, html.EscapeString(sum.Text(message.English))) {
		t.Errorf("summary text %q not shown", sum.Text(message.English))
	}
}

// Exports are masked whatever the screen shows, and the JSON is the View.
func TestExport(t *testing.T) {
	const pan = "4111111111111111"
	r := decode(t, "%B"+pan+"^DOE/JANE^1805101000000000000000503000000?;"+pan+"=18051010000000000000?")
	s := decoder.NewSession(SessionSize)
	s.Add(r)
	s.Add(r)
	for _, lang := range []message.Lang{message.English, message.Chinese} {
		text := exportText(r, s, lang)
		js, err := exportJSON(r, s, lang)
		if err != nil {
			t.Fatal(err)
		}
		for what, out := range map[string]string{"text": text, "json": js} {
			if strings.Contains(out, pan) || strings.Contains(out, "DOE/JANE") {
				t.Errorf("%s %s export holds card data:\n%s", lang, what, out)
			}
			if !strings.Contains(out, "1111") {
				t.Errorf("%s %s export lacks the last four digits", lang, what)
			}
		}
		if !strings.Contains(text, s.Summary().Text(lang)) {
			t.Errorf("%s text export lacks the session summary", lang)
		}
		var v decoder.View
		if err := json.Unmarshal([]byte(js), &v); err != nil {
			t.Fatalf("JSON export: %v", err)
		}
		if v.Lang != string(lang) || len(v.Tracks) != 3 || v.Card == nil || v.Card.PANLast4 != "1111" {
			t.Errorf("JSON export is not the View: %+v", v)
		}
	}
}
