package messagetest

import (
	"slices"
	"testing"

	"magcheck/message"
)

func TestEnglishSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"请使用新版 Chrome、Edge 或 Firefox", nil},
		{"ID TECH 读卡器，MagTek 配置工具，USB HID", nil},
		{"代码 not_a_swipe 和 parity_error", nil},
		{"依据：reader reported a decode error", []string{"reader reported a decode error"}},
		{"12 chars/s", nil},
		{"磁道 1 of 3", []string{"of"}},
		{"American Express 卡", nil},
		{"Swipe again, then check", []string{"Swipe again, then check"}},
	} {
		if got := EnglishSentences(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("EnglishSentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPseudo(t *testing.T) {
	l := RegisterPseudo()
	if got := message.Match("qps-ploc"); got != l {
		t.Errorf("Match(qps-ploc) = %s", got)
	}
	for _, tc := range []struct {
		m    message.Message
		want string
	}{
		{message.New(message.EvidencePANLength, 15, message.BrandVisa), "15 ďíĝíţš ƒóŕ ƀŕáñď Ṽíšá"},
		{message.New(message.EvidenceWeak, 8.0, 0.5), "ŠÑŔ 8 ďƁ, þéáķ 0.5 % óƒ ƒúĺĺ šçáĺé"},
	} {
		got := tc.m.In(l)
		if got != tc.want {
			t.Errorf("%v = %q, want %q", tc.m, got, tc.want)
		}
		if w := PlainWords(got); len(w) > 0 {
			t.Errorf("%q has plain words %q", got, w)
		}
	}
	if w := PlainWords("magcheck 12 ms us", "us"); !slices.Equal(w, []string{"magcheck", "ms"}) {
		t.Errorf("PlainWords = %q", w)
	}
}
