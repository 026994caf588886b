package message

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// verb is one value a format takes: the argument (1-based) and its verb.
type verb struct {
	arg  int
	kind byte
}

// verbs lists the values a format takes, as fmt reads it: flags, width,
// precision, then an optional [n] index, then the verb.
func verbs(format string) []verb {
	var out []verb
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		arg := next
		if i < len(format) && format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			fmt.Sscan(format[i+1:i+j], &arg)
			i += j + 1
		}
		if i < len(format) {
			out = append(out, verb{arg, format[i]})
		}
		next = arg + 1
	}
	slices.SortFunc(out, func(a, b verb) int { return a.arg - b.arg })
	return out
}

// sample is a value of the kind a verb formats.
func sample(kind byte) any {
	switch kind {
	case 'd', 'X', 'x':
		return 7
	case 'f':
		return 1.5
	}
	return "v"
}

// TestComplete checks that every language has every key and every finding
// English has, and that each format takes the same values in every
// language and formats them without complaint.
func TestComplete(t *testing.T) {
	for _, l := range Langs() {
		for k := range numKeys {
			text := l.Text(k)
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s: key %d has no text", l, k)
				continue
			}
			want := verbs(English.Text(k))
			if got := verbs(text); !slices.Equal(got, want) {
				t.Errorf("%s: key %d %q takes %v, English %v", l, k, text, got, want)
			}
			if len(want) > 0 {
				args := make([]any, 0, len(want))
				for i, v := range want {
					if i == 0 || v.arg != want[i-1].arg {
						args = append(args, sample(v.kind))
					}
				}
				if s := l.Format(k, args...); strings.Contains(s, "%!") {
					t.Errorf("%s: key %d formats as %q", l, k, s)
				}
			}
		}
		if got, want := len(l.Table().Findings), len(en.Findings); got != want {
			t.Errorf("%s: %d findings, English %d", l, got, want)
		}
		for _, e := range en.Findings {
			code, detail, _ := strings.Cut(e.Code, "/")
			f, ok := l.Finding(code, detail)
			if !ok || f.Code != e.Code || f.Title == "" || f.Cause == "" || f.Action == "" {
				t.Errorf("%s: finding %s is missing or incomplete: %+v", l, e.Code, f)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		tags []string
		want Lang
	}{
		{nil, English},
		{[]string{"zh-CN"}, Chinese},
		{[]string{"zh-TW", "en"}, Chinese},
		{[]string{"ZH-hans"}, Chinese},
		{[]string{"zh"}, Chinese},
		{[]string{"en-US", "zh-CN"}, English},
		{[]string{"fr-FR", "zh-CN"}, Chinese},
		{[]string{"fr-FR", "de"}, English},
		{[]string{""}, English},
		{[]string{"zhx"}, English},
	} {
		if got := Match(tc.tags...); got != tc.want {
			t.Errorf("Match(%q) = %s, want %s", tc.tags, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	list := []Message{New(EvidenceEnterAfter, 1), New(EvidenceTabAfter, 2)}
	for _, tc := range []struct {
		l    Lang
		m    Message
		want string
	}{
		{English, New(EvidenceCaseInverted), "letter case inverted"},
		{Chinese, New(EvidenceCaseInverted), "字母大小写颠倒"},
		{English, New(EvidencePANLength, 15, BrandVisa), "15 digits for brand Visa"},
		{Chinese, New(EvidencePANLength, 15, BrandUnionPay), "卡组织 银联 的卡号为 15 位"},
		{English, New(EvidenceHostLayout, LayoutFR, New(EvidenceSentinelsAs, "ù")), "host layout French AZERTY: sentinels arrived as ù"},
		{English, New(EvidenceTracksDiffer, list), "tracks 1 and 2 differ in Enter after track 1, Tab after track 2"},
		{Chinese, New(EvidenceTracksDiffer, list), "磁道 1 和磁道 2 的磁道 1 后有回车、磁道 2 后有 Tab不同"},
		{Chinese, New(SessionReaderFault, 2, 3, 4), "所有卡的磁道 2 都读取失败（4 次中 3 次）：问题在读卡器磁头或其设置。请清洁磁头并检查读卡器的磁道设置。"},
		{Lang("fr"), New(EvidenceCaseInverted), "letter case inverted"},
	} {
		if got := tc.m.In(tc.l); got != tc.want {
			t.Errorf("%v in %s = %q, want %q", tc.m, tc.l, got, tc.want)
		}
	}
	if got := English.Plural(1, SwipesOne, SwipesMany) + "; " + English.Plural(2, SwipesOne, SwipesMany); got != "1 swipe; 2 swipes" {
		t.Errorf("Plural = %q", got)
	}
}

func TestFindingVariant(t *testing.T) {
	for _, tc := range []struct {
		code, detail, title string
	}{
		{"swipe_speed", "fast", "Swipe too fast"},
		{"swipe_speed", "", "Swipe speed"},
		{"swipe_speed", "sideways", "Swipe speed"},
	} {
		if f, ok := English.Finding(tc.code, tc.detail); !ok || f.Title != tc.title {
			t.Errorf("Finding(%s, %s) = %+v %v, want title %q", tc.code, tc.detail, f, ok, tc.title)
		}
	}
	if _, ok := English.Finding("no_such_code", ""); ok {
		t.Error("an unknown code was found")
	}
}
