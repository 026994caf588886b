// Package messagetest helps test the text people read, as net/http/httptest
// helps test HTTP: a pseudo-locale in which text that did not come from the
// catalogue stands out, and finders of English in text that should have
// none.
package messagetest

import (
	"regexp"
	"slices"
	"strings"

	"magcheck/message"
)

// Pseudo is the pseudo-locale: English with every letter accented. Text in
// it that still has plain ASCII words did not come from the catalogue.
const Pseudo message.Lang = "qps"

// RegisterPseudo adds the pseudo-locale to the catalogue: one table and one
// call, as any new language is added.
func RegisterPseudo() message.Lang {
	t := message.English.Table()
	for k := range t.Text {
		t.Text[k] = Accent(t.Text[k])
	}
	t.Text[message.LangTag] = "qps-ploc"
	t.Text[message.ListSeparator] = " · "
	t.Findings = slices.Clone(t.Findings) // Table shares them with English
	for i, f := range t.Findings {
		t.Findings[i] = message.Finding{Code: f.Code, Title: Accent(f.Title), Cause: Accent(f.Cause), Action: Accent(f.Action)}
	}
	message.Register(Pseudo, &t)
	return Pseudo
}

var accents = strings.NewReplacer(
	"a", "á", "b", "ƀ", "c", "ç", "d", "ď", "e", "é", "f", "ƒ", "g", "ĝ", "h", "ĥ", "i", "í",
	"j", "ĵ", "k", "ķ", "l", "ĺ", "m", "ɱ", "n", "ñ", "o", "ó", "p", "þ", "q", "ǫ", "r", "ŕ",
	"s", "š", "t", "ţ", "u", "ú", "v", "ṽ", "w", "ŵ", "x", "ẋ", "y", "ý", "z", "ž",
	"A", "Á", "B", "Ɓ", "C", "Ç", "D", "Ď", "E", "É", "F", "Ƒ", "G", "Ĝ", "H", "Ĥ", "I", "Í",
	"J", "Ĵ", "K", "Ķ", "L", "Ĺ", "M", "Ṁ", "N", "Ñ", "O", "Ó", "P", "Þ", "Q", "Ǫ", "R", "Ŕ",
	"S", "Š", "T", "Ţ", "U", "Ú", "V", "Ṽ", "W", "Ŵ", "X", "Ẋ", "Y", "Ý", "Z", "Ž",
)

// verb matches an fmt verb, which Accent leaves alone.
var verb = regexp.MustCompile(`%[-+# 0-9.]*(\[[0-9]+\])?[a-zA-Z%]`)

// Accent accents every letter of s outside its fmt verbs.
func Accent(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range verb.FindAllStringIndex(s, -1) {
		b.WriteString(accents.Replace(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(accents.Replace(s[last:]))
	return b.String()
}

// word matches a token: letters, digits and the joiners codes and
// contractions use. Only tokens of letters alone are read as words.
var word = regexp.MustCompile(`[\p{L}\p{N}_'’-]+`)

func isASCIIWord(tok string) bool {
	letters := 0
	for _, r := range tok {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		case r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters > 0
}

// functionWords are English words that no product name, unit or code
// shown in another language contains.
var functionWords = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "is": true, "are": true, "was": true,
	"with": true, "from": true, "this": true, "that": true, "not": true, "for": true,
	"your": true, "could": true, "cannot": true, "please": true,
}

// EnglishSentences returns the English in s: each run of three or more
// plain ASCII words in a row (separated by spaces or commas only), and
// each English function word. Product names (MagTek, ID TECH), units and
// codes (parity_error) are not sentences.
func EnglishSentences(s string) []string {
	var found []string
	toks := word.FindAllStringIndex(s, -1)
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && isASCIIWord(s[toks[j][0]:toks[j][1]]) &&
			(j == i || strings.Trim(s[toks[j-1][1]:toks[j][0]], " ,") == "") {
			j++
		}
		if j-i >= 3 {
			found = append(found, s[toks[i][0]:toks[j-1][1]])
		} else {
			for _, t := range toks[i:j] {
				if w := s[t[0]:t[1]]; functionWords[strings.ToLower(w)] {
					found = append(found, w)
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return found
}

// PlainWords returns the words of s that are plain ASCII letters, two or
// more of them: in pseudo-locale text each is a word that escaped the
// catalogue, unless allowed names it (data such as a layout code).
func PlainWords(s string, allowed ...string) []string {
	var found []string
	for _, tok := range word.FindAllString(s, -1) {
		if len(tok) >= 2 && isASCIIWord(tok) && !contains(allowed, tok) {
			found = append(found, tok)
		}
	}
	return found
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
