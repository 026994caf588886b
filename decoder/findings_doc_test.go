package decoder

import (
	"flag"
	"os"
	"strings"
	"testing"

	"magcheck/message"
)

var update = flag.Bool("update", false, "rewrite docs/findings.md from the codes and the message catalogue")

// findingsDoc renders every finding code, with its words in English and
// Chinese, as docs/findings.md.
func findingsDoc() string {
	en, zh := message.English, message.Chinese
	var b strings.Builder
	b.WriteString("# Finding codes\n\n")
	b.WriteString("Generated from `decoder/rules.go` and the message catalogue (`message/en.go`, `message/zh.go`) by\n")
	b.WriteString("`go test ./decoder -run TestFindingsDoc -update`; do not edit.\n")
	b.WriteString("Each finding has a stable code, a default severity (`fail`, `warn`, `info`), the part it points at,\n")
	b.WriteString("a cause and the technician's next action, in English and Simplified Chinese.\n")
	for _, c := range Codes() {
		r := lookup(c, "")
		e, z := Finding{Code: c}.words(en), Finding{Code: c}.words(zh)
		b.WriteString("\n## `" + string(c) + "`: " + e.Title + " / " + z.Title + "\n\n")
		b.WriteString("Severity `" + string(r.severity) + "`, points at `" + string(r.fault) + "`.\n\n")
		b.WriteString("- Cause: " + e.Cause + "\n")
		b.WriteString("- Action: " + e.Action + "\n")
		b.WriteString("- 原因：" + z.Cause + "\n")
		b.WriteString("- 处理：" + z.Action + "\n")
		for _, detail := range Variants(c) {
			v := lookup(c, detail)
			e, z := Finding{Code: c, Detail: detail}.words(en), Finding{Code: c, Detail: detail}.words(zh)
			b.WriteString("\nVariant `" + detail + "` (" + e.Title + " / " + z.Title + ", `" + string(v.severity) + "`):\n\n")
			b.WriteString("- Cause: " + e.Cause + "\n")
			b.WriteString("- Action: " + e.Action + "\n")
			b.WriteString("- 原因：" + z.Cause + "\n")
			b.WriteString("- 处理：" + z.Action + "\n")
		}
	}
	terminalDoc(&b)
	return b.String()
}

// showsDoc says what each swipe state of terminalRules means, for the
// table in docs/findings.md.
var showsDoc = []struct {
	shows swipeShows
	text  string
}{
	{showsAny, "anything"},
	{showsRead, "read cleanly (any card)"},
	{showsRead &^ showsNotPayment, "a payment card read cleanly"},
	{showsPayment, "a payment card read cleanly, no fault in its data"},
	{showsUnread, "not read cleanly here (a fail finding of the read, the reader or the input)"},
	{showsSetup, "a fault of the set-up here (a fail finding pointing at the set-up: layout, Caps Lock, the reader's keys)"},
	{showsNotPayment, "read, but not a payment card (gift, loyalty, ID, private, test, unknown)"},
	{showsExpired, "a payment card whose expiry has passed"},
	{showsCardFault, "a payment card whose data fails a payment check (check digit, length, expiry field, tracks differ, service code)"},
	{showsChip, "a payment card read cleanly whose service code says chip (2xx, 6xx)"},
	{showsClean, "a payment card read cleanly, no chip"},
}

func showsText(x swipeShows) string {
	var parts []string
	for _, d := range showsDoc {
		if x&d.shows == d.shows {
			parts = append(parts, d.text)
			x &^= d.shows
		}
	}
	return strings.Join(parts, "; or ")
}

// terminalDoc renders terminalRules as the combination table.
func terminalDoc(b *strings.Builder) {
	b.WriteString("\n# What the terminal said\n\n")
	b.WriteString("The technician may say what the POS terminal showed (the page's row of messages, or\n")
	b.WriteString("`magcheck decode --terminal-said CODE`). `Report.Told` then adds one finding from this table,\n")
	b.WriteString("`terminalRules` in `decoder/terminal.go`: the first row whose message and swipe match. A swipe that\n")
	b.WriteString("did not read cleanly keeps its own finding first. With no message chosen, the swipe's own diagnosis\n")
	b.WriteString("stands.\n\n")
	b.WriteString("| terminal said | the swipe read here | finding | severity | points at |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, r := range terminalRules {
		said := "any message"
		if t, ok := message.TerminalByCode(string(r.said)); ok {
			said = "`" + t.Code + "` (" + strings.Join(t.Words, ", ") + ")"
		}
		shows := showsText(r.shows)
		if r.weak {
			shows += ", with a worn or unevenly written stripe (`stripe_worn`, `stripe_jitter`)"
		}
		if r.futureExpiry {
			shows += ", with an expiry on the stripe that has not passed"
		}
		key := string(r.code)
		if r.detail != "" {
			key += "/" + r.detail
		}
		rule := lookup(r.code, r.detail)
		b.WriteString("| " + said + " | " + shows + " | `" + key + "` | `" + string(rule.severity) + "` | `" + string(rule.fault) + "` |\n")
	}
	b.WriteString("\nThe messages, with their English and Chinese glosses (`message/terminal.go`):\n\n")
	b.WriteString("| code | the terminal's words | English | 中文 |\n| --- | --- | --- | --- |\n")
	for _, t := range message.Terminals() {
		b.WriteString("| `" + t.Code + "` | " + strings.Join(t.Words, ", ") + " | " + message.English.Text(t.Gloss) + " | " + message.Chinese.Text(t.Gloss) + " |\n")
	}
}

func TestFindingsDoc(t *testing.T) {
	const path = "../docs/findings.md"
	want := findingsDoc()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./decoder -run TestFindingsDoc -update)", err)
	}
	if string(got) != want {
		t.Fatal("docs/findings.md is out of date: run go test ./decoder -run TestFindingsDoc -update")
	}
}

// TestCodesComplete checks that the documentation order lists each code
// exactly once, that every code and variant has a rule, and that every
// language of the catalogue words each of them and nothing else.
func TestCodesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes() {
		if seen[string(c)] {
			t.Errorf("%s listed twice", c)
		}
		seen[string(c)] = true
		if _, ok := find(rules, c); !ok {
			t.Errorf("%s has no rule", c)
		}
		for _, d := range Variants(c) {
			seen[string(c)+"/"+d] = true
		}
	}
	for _, v := range variants {
		if !seen[string(v.key)] {
			t.Errorf("variant %s of a code without a rule", v.key)
		}
	}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		words := l.Table().Findings
		if len(words) != len(seen) {
			t.Errorf("%s words %d findings, the decoder has %d codes and variants", l, len(words), len(seen))
		}
		for _, w := range words {
			if !seen[w.Code] {
				t.Errorf("%s words %s, which the decoder does not have", l, w.Code)
			}
		}
		for key := range seen {
			code, detail, _ := strings.Cut(key, "/")
			if w, ok := l.Finding(code, detail); !ok || w.Code != key {
				t.Errorf("%s has no words for %s", l, key)
			}
		}
	}
}
