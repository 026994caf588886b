package wedge

import (
	"strings"
	"unicode/utf8"
)

// maxLen is each track's capacity in characters, start sentinel, end
// sentinel and LRC included (ISO/IEC 7811-2).
var maxLen = [3]int{79, 40, 107}

// splitter holds the state of one split.
type splitter struct {
	c *Capture
	t string
	// content is where the text ends without trailing separators.
	content int
	// a3stop and a3q cache the stop and last ? of the 7-bit track 3 scan,
	// which serve every #, ! and & before that stop: a run of them must not
	// rescan the text each.
	a3stop, a3q int
}

// split finds the tracks in c.Text and the text around them.
func (c *Capture) split() {
	t := c.Text
	s := &splitter{c: c, t: t, content: len(strings.TrimRight(t, frame)), a3stop: -1}
	var strays [][2]int
	from := 0
	for i := 0; i < len(t); {
		tr := s.trackAt(i)
		if tr == nil {
			i++
			continue
		}
		if from < i {
			strays = append(strays, [2]int{from, i})
		}
		c.Tracks[tr.Number-1] = tr
		i = tr.end()
		from = i
	}
	if from < len(t) {
		strays = append(strays, [2]int{from, len(t)})
	}
	for _, r := range strays {
		c.bareTracks(r[0], r[1])
	}

	ts := c.Ordered()
	if len(ts) == 0 {
		return
	}
	c.Prefix = strings.Trim(t[:ts[0].Offset], frame)
	tail := t[ts[len(ts)-1].end():]
	c.Suffix = strings.Trim(tail, frame)
	if i := strings.IndexAny(tail, "\r\n\t"); i >= 0 {
		c.Terminator = tail[i : i+1]
		if strings.HasPrefix(tail[i:], "\r\n") {
			c.Terminator = "\r\n"
		}
	}
}

// trackAt returns the track whose start sentinel is at t[i], or nil.
func (s *splitter) trackAt(i int) *Track {
	c, t := s.c, s.t
	var n, es, stop int
	switch t[i] {
	case '%':
		if !isAlnum(at(t, i+1)) || c.Tracks[0] != nil {
			return nil
		}
		n = 1
		es, stop = scanTrack1(t, i)
		// Without an end sentinel, lower case must be a Caps Lock format
		// code followed by the PAN (%b4…), not typing ("50%off").
		if es < 0 && !isUpperOrDigit(t[i+1]) && !isDigit(at(t, i+2)) {
			return nil
		}
	case ';', '+':
		n = 3
		if t[i] == ';' && c.Tracks[1] == nil {
			n = 2
		}
		if c.Tracks[n-1] != nil {
			return nil
		}
		es, stop = scanNumeric(t, i)
		if !isNumeric(at(t, i+1)) && (es < i+2 || strings.IndexByte(t[i:es], ' ') >= 0) {
			return nil
		}
	case '#', '!', '&':
		// These sentinels only follow a track 1 or 2 (AAMVA track 3):
		// alone, '!' or '#' is far more likely a vendor prefix or typing.
		if b := at(t, i+1); b <= ' ' || b > '_' || c.Tracks[2] != nil || c.Tracks[0] == nil && c.Tracks[1] == nil {
			return nil
		}
		n = 3
		es, stop = s.scanAlpha3(i)
		if es < 0 && stop < s.content {
			return nil
		}
	default:
		return nil
	}
	tr := &Track{Number: n, Offset: i, Start: t[i]}
	if es < 0 {
		tr.Text = strings.TrimRight(t[i:stop], " ")
		tr.Data = tr.Text[1:]
	} else {
		tr.Text, tr.Data, tr.End = t[i:es+1], t[i+1:es], true
		tr.LRC = lrcAfter(t, tr)
	}
	tr.check()
	return tr
}

// at returns t[i], or 0 past the end.
func at(t string, i int) byte {
	if i < len(t) {
		return t[i]
	}
	return 0
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isUpperOrDigit(b byte) bool { return 'A' <= b && b <= 'Z' || isDigit(b) }

func isAlnum(b byte) bool { return isUpperOrDigit(b) || 'a' <= b && b <= 'z' }

// isStart reports whether b is a start sentinel of some track.
func isStart(b byte) bool { return strings.IndexByte("%;+#!&", b) >= 0 }

// isNumeric reports whether b is a track-2/3 data character (0x30–0x3F
// without the sentinels ; and ?).
func isNumeric(b byte) bool { return '0' <= b && b <= '>' && b != ';' }

// scanTrack1 returns the end sentinel of the track 1 at t[i], or -1 and
// where the track stops.
func scanTrack1(t string, i int) (es, stop int) {
	for j := i + 1; j < len(t); j++ {
		switch b := t[j]; {
		case b == '?':
			return j, j + 1
		case b < ' ',
			b == '%' && isAlnum(at(t, j+1)),
			(b == ';' || b == '+') && closedNumeric(t, j):
			return -1, j
		}
	}
	return -1, len(t)
}

// closedNumeric reports whether t[i] opens a track 2/3 complete with its
// end sentinel.
func closedNumeric(t string, i int) bool {
	if strings.HasPrefix(t[i+1:], "E?") {
		return true
	}
	j := i + 1
	for j < len(t) && isNumeric(t[j]) {
		j++
	}
	return j > i+1 && at(t, j) == '?'
}

// scanNumeric returns the end sentinel of the track 2/3 at t[i], or -1 and
// where the track stops. Without end sentinel it stops at a space too:
// spaces are no track-2/3 data but what typing after a truncated track
// starts with.
func scanNumeric(t string, i int) (es, stop int) {
	stop = len(t)
	for j := i + 1; j < len(t); j++ {
		if b := t[j]; b == '?' {
			return j, j + 1
		} else if b < ' ' || isStart(b) {
			stop = j
			break
		}
	}
	if sp := strings.IndexByte(t[i:stop], ' '); sp >= 0 {
		stop = i + sp
	}
	return -1, stop
}

// scanAlpha3 returns the end sentinel of the 7-bit track 3 at t[i], or -1
// and where the track stops. Its data may hold ?, so the end sentinel is
// the last ? before a control character or a % that opens a track 1; a ?
// just before that one is the end sentinel when the last ? is the LRC.
func (s *splitter) scanAlpha3(i int) (es, stop int) {
	t := s.t
	if i >= s.a3stop {
		s.a3stop = len(t)
		for j := i + 1; j < len(t); j++ {
			if b := t[j]; b < ' ' || b == '%' && isAlnum(at(t, j+1)) {
				s.a3stop = j
				break
			}
		}
		s.a3q = i + 1 + strings.LastIndexByte(t[i+1:s.a3stop], '?')
	}
	es = s.a3q
	if es <= i {
		return -1, s.a3stop
	}
	if es-1 > i && t[es-1] == '?' && lrc(t[i+1:es], true) == '?' {
		es--
	}
	return es, es + 1
}

// lrcAfter returns the character after tr's end sentinel when it is tr's
// LRC, or 0. A start sentinel is taken as the LRC only when no track can
// begin with it, i.e. when the text ends or another sentinel or a
// separator follows.
func lrcAfter(t string, tr *Track) byte {
	j := tr.Offset + len(tr.Text)
	if j >= len(t) || tr.Data == "E" {
		return 0
	}
	b := t[j]
	if b != lrc(t[tr.Offset+1:j], tr.alphanumeric()) {
		return 0
	}
	if next := at(t, j+1); isStart(b) && next > ' ' && !isStart(next) {
		return 0
	}
	return b
}

// lrc computes the LRC character of a track from its data and end
// sentinel: the XOR of the character values, seeded with the start
// sentinel as recorded on the stripe (% for 7-bit tracks, ; for 5-bit ones,
// whatever sentinel the reader printed).
func lrc(dataES string, alphanumeric bool) byte {
	off, mask, x := byte('0'), byte(0x0f), byte(';'-'0')
	if alphanumeric {
		off, mask, x = ' ', 0x3f, '%'-' '
	}
	for i := 0; i < len(dataES); i++ {
		x ^= (dataES[i] - off) & mask
	}
	return x + off
}

// bareTracks looks for tracks without start sentinel in t[from:to], text
// outside any track, piece by piece between control characters.
func (c *Capture) bareTracks(from, to int) {
	t := c.Text
	for from < to {
		j := from
		for j < to && t[j] >= ' ' {
			j++
		}
		c.bareTrack(from, j)
		from = j + 1
	}
}

// bareTrack makes t[from:to], trimmed of spaces, a track when it holds
// track data without start sentinel.
func (c *Capture) bareTrack(from, to int) {
	t := c.Text
	for from < to && t[from] == ' ' {
		from++
	}
	for to > from && t[to-1] == ' ' {
		to--
	}
	text := t[from:to]
	data := strings.TrimSuffix(text, "?")
	var n int
	switch {
	case data == "":
		return
	case isDigit(data[0]) && strings.IndexByte(data, '=') >= 0 && all(data, isNumeric):
		n = 3
		if c.Tracks[1] == nil {
			n = 2
		}
	case isAlnum(data[0]) && strings.IndexByte(data, '^') >= 0 && all(data, func(b byte) bool { return ' ' <= b && b <= '~' && b != '?' }):
		n = 1
	default:
		return
	}
	if c.Tracks[n-1] != nil {
		return
	}
	tr := &Track{Number: n, Offset: from, Text: text, Data: data, End: len(data) < len(text)}
	tr.check()
	c.Tracks[n-1] = tr
}

func all(s string, f func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}

// alphanumeric reports whether the track uses the 6-bit character set of
// track 1 (0x20–0x5F): track 1, and the 7-bit track 3 opened by #, ! or &.
func (t *Track) alphanumeric() bool {
	return t.Number == 1 || strings.IndexByte("#!&", t.Start) >= 0
}

// check sets ReaderError and Issues from the track's other fields.
func (t *Track) check() {
	if t.Start == 0 {
		t.Issues = append(t.Issues, Issue{Kind: MissingStartSentinel, Pos: -1})
	}
	if !t.End {
		t.Issues = append(t.Issues, Issue{Kind: MissingEndSentinel, Pos: -1})
	}
	t.ReaderError = t.End && t.Data == "E"
	if !t.ReaderError {
		lo, hi := rune('0'), rune('?')
		if t.alphanumeric() {
			lo, hi = ' ', '_'
		}
		base := 0
		if t.Start != 0 {
			base = 1
		}
		for i, r := range t.Data {
			if r < lo || r > hi {
				t.Issues = append(t.Issues, Issue{Kind: InvalidCharacter, Pos: base + i, Char: r})
			}
		}
	}
	if utf8.RuneCountInString(t.Data)+3 > maxLen[t.Number-1] {
		t.Issues = append(t.Issues, Issue{Kind: TooLong, Pos: -1})
	}
	if t.LRC != 0 {
		t.Issues = append(t.Issues, Issue{Kind: LRCCharacter, Pos: -1, Char: rune(t.LRC)})
	}
}
