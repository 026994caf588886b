// Package message is magcheck's message catalogue: every word a person reads
// on the page, in a report or in an export, in each language magcheck
// speaks. Nothing else holds text for people. Reports carry codes and
// Messages, and one render step (decoder's View) looks their words up here,
// so the page, the text report and the exports always say the same thing.
//
// A language is one Table (en.go, zh.go) and one line in the languages list.
// Keys are Go constants, so a missing or misspelt key does not compile;
// findings are keyed by their stable code (parity_error, swipe_speed/fast),
// which the decoder already names them by. A message that takes values is
// an fmt format: where a language orders the values differently it uses
// explicit argument indexes (%[2]d).
package message

import (
	"fmt"
	"strings"
)

// Lang is a language magcheck speaks, named by its BCP 47 primary subtag.
type Lang string

// The built-in languages.
const (
	English Lang = "en"
	Chinese Lang = "zh" // Simplified Chinese
)

// Key names one message of a Table.
type Key uint16

// Table is one language's words: a text for every Key, and the title, cause
// and action of every finding code.
type Table struct {
	Text     [numKeys]string
	Findings []Finding
}

// Finding is what a language says about one finding code, or about one
// variant of it ("swipe_speed/fast").
type Finding struct {
	Code                 string
	Title, Cause, Action string
}

// languages are the registered languages in the order the page offers
// them; English comes first and stands in for a language not registered.
var languages = []language{{English, &en}, {Chinese, &zh}}

type language struct {
	lang  Lang
	table *Table
}

// Register adds language l with table t, or replaces l's table. The page
// then offers l and reports can be written in it. A table needs every Key
// and every finding code (TestComplete checks the built-in ones); tests use
// Register for a pseudo-locale that shows no text escapes the catalogue.
func Register(l Lang, t *Table) {
	for i := range languages {
		if languages[i].lang == l {
			languages[i].table = t
			return
		}
	}
	languages = append(languages, language{l, t})
}

// Langs lists the registered languages, in the order the page offers them.
func Langs() []Lang {
	out := make([]Lang, len(languages))
	for i, x := range languages {
		out[i] = x.lang
	}
	return out
}

// Match picks the language for a browser's preferences (navigator.languages,
// most preferred first): the first tag whose primary subtag is registered,
// so "zh-CN", "zh-TW" and "zh-Hans" all give Chinese; English when none is.
func Match(tags ...string) Lang {
	for _, tag := range tags {
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		for _, x := range languages {
			if string(x.lang) == primary {
				return x.lang
			}
		}
	}
	return English
}

func (l Lang) table() *Table {
	for _, x := range languages {
		if x.lang == l {
			return x.table
		}
	}
	return &en
}

// Table returns a copy of l's table, for building another language from it.
func (l Lang) Table() Table { return *l.table() }

// Text is message k in l, as written: it is not a format. It is not
// inlined: the page calls it in hundreds of places, and inlined it made the
// page's WebAssembly larger.
//
//go:noinline
func (l Lang) Text(k Key) string {
	if k >= numKeys {
		return ""
	}
	return l.table().Text[k]
}

// Format is message k in l with args put into its format. An arg that is a
// Key, a Message, a []Message or any value with an In(Lang) method is
// itself rendered in l first (a list joined by l's list separator).
func (l Lang) Format(k Key, args ...any) string {
	shown := make([]any, len(args))
	for i, a := range args {
		shown[i] = l.value(a)
	}
	return fmt.Sprintf(l.Text(k), shown...)
}

func (l Lang) value(a any) any {
	switch v := a.(type) {
	case Key:
		return l.Text(v)
	case interface{ In(Lang) string }:
		// A Message, or any value that words itself.
		return v.In(l)
	case []Message:
		parts := make([]string, len(v))
		for i, m := range v {
			parts[i] = m.In(l)
		}
		return strings.Join(parts, l.Text(ListSeparator))
	}
	return a
}

// Plural is one when n is 1, else many, as a format given n: "1 swipe",
// "3 swipes". Languages without plural forms give both Keys the same text.
func (l Lang) Plural(n int, one, many Key) string {
	if n == 1 {
		return l.Format(one, n)
	}
	return l.Format(many, n)
}

// Finding is what l says about a finding code, or about code/detail when
// detail names a variant l has. ok is false for a code l does not know.
func (l Lang) Finding(code, detail string) (f Finding, ok bool) {
	t := l.table()
	if detail != "" {
		if f, ok := findFinding(t, code+"/"+detail); ok {
			return f, true
		}
	}
	return findFinding(t, code)
}

func findFinding(t *Table, code string) (Finding, bool) {
	for _, f := range t.Findings {
		if f.Code == code {
			return f, true
		}
	}
	return Finding{}, false
}

// A Message is a Key with the values it names, kept as they are until it is
// shown in a language: reports hold Messages, never text.
type Message struct {
	Key  Key
	Args []any
}

// New returns the Message k with args.
func New(k Key, args ...any) Message { return Message{k, args} }

// In renders m in l.
func (m Message) In(l Lang) string {
	if len(m.Args) == 0 {
		return l.Text(m.Key)
	}
	return l.Format(m.Key, m.Args...)
}
