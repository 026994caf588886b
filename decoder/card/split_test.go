package card

import "strings"

// splitSwipe cuts a keyboard-wedge swipe into the data of tracks 1–3, as
// the wedge package would: it drops a vendor prefix before the first start
// sentinel, trailing whitespace and NUL padding, and the sentinels. A track
// without its end sentinel runs to the end of the input; track 3 ends at the
// last '?', because AAMVA track 3 may hold '?' in its data. Input with no
// start sentinel but a '=' and a final '?' is track 2 as written by encoders
// that omit the ';'.
func splitSwipe(in string) (t [3]string) {
	s := strings.TrimRight(in, " \t\r\n\x00")
	i := strings.IndexAny(s, "%;")
	if i < 0 {
		if strings.Contains(s, "=") && strings.HasSuffix(s, "?") {
			t[1] = s[:len(s)-1]
		}
		return t
	}
	s = s[i:]
	cut := func() string {
		d, rest, _ := strings.Cut(s[1:], "?")
		s = rest
		return d
	}
	if s[0] == '%' {
		t[0] = cut()
	}
	if s != "" && s[0] == ';' {
		t[1] = cut()
	}
	if s != "" && strings.IndexByte("+#;!", s[0]) >= 0 {
		s = s[1:]
		if j := strings.LastIndexByte(s, '?'); j >= 0 {
			s = s[:j]
		}
		t[2] = s
	}
	return t
}
