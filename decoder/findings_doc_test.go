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
	b.WriteString("Generated from `decoder/codes.go` and the message catalogue (`message/en.go`, `message/zh.go`) by\n")
	b.WriteString("`go test ./decoder -run TestFindingsDoc -update`; do not edit.\n")
	b.WriteString("Each finding has a stable code, a default severity (`fail`, `warn`, `info`), the part it points at,\n")
	b.WriteString("a cause and the technician's next action, in English and Simplified Chinese.\n")
	for _, c := range codeOrder {
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
	return b.String()
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
	for _, c := range codeOrder {
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
	if len(codeOrder) != len(rules) {
		t.Errorf("codeOrder has %d codes, rules %d", len(codeOrder), len(rules))
	}
	for _, v := range variants {
		if !seen[string(v.key)] {
			t.Errorf("variant %s of a code not in codeOrder", v.key)
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
