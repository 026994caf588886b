package keyboard

// grammar follows a run of characters the way a reader types tracks: a
// start sentinel, a track's characters, its end sentinel and perhaps its
// LRC; between tracks a separator, a terminator or the reader's own text.
// It tells the Detector whether a slow run of keys reads as a reader's
// tracks, and whether a pause falls inside a swipe.
type grammar struct {
	state   gstate
	started bool // a start sentinel opened a track
	bad     bool // a character no reader sends came inside a track
	closed  int  // tracks ended by their end sentinel
}

type gstate uint8

const (
	gOutside  gstate = iota // before or between tracks
	gFormat                 // after %: the format code
	gAlpha                  // in track 1, or a 7-bit track 3 (0x20–0x5F)
	gNumeric0               // after ; or +: the first character (E is the reader's error marker)
	gNumeric                // in track 2 or 3 (0x30–0x3E; * and X where a reader masks digits)
	gError                  // after ;E: the end sentinel
	gClosed                 // after ?: the LRC, a terminator or the next track
)

// add follows one character.
func (g *grammar) add(r rune) {
	switch g.state {
	case gOutside, gClosed:
		switch {
		case r == '%':
			g.state, g.started = gFormat, true
		case r == ';' || r == '+':
			g.state, g.started = gNumeric0, true
		case g.state == gClosed && (r == '#' || r == '!' || r == '&'):
			g.state = gAlpha // a licence's 7-bit track 3 (or the LRC)
		default:
			g.state = gOutside // the LRC, a separator, a terminator or the reader's text
		}
	case gFormat:
		g.state = gAlpha
		switch {
		case r == '%': // the LRC of the track before was a %
			g.state = gFormat
		case !('A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '*'): // * where a reader masks it
			g.bad = true
		}
	case gAlpha:
		switch {
		case r == '?':
			g.state, g.closed = gClosed, g.closed+1
		case r < ' ' || r > '_' || r == '%':
			g.bad = true
		}
	case gNumeric0, gNumeric:
		switch {
		case r == '?':
			g.state, g.closed = gClosed, g.closed+1
		case r == 'E' && g.state == gNumeric0:
			g.state = gError
		case r == ';' && g.state == gNumeric0: // the LRC before was a ;
		case '0' <= r && r <= '>' && r != ';', r == '*', r == 'X':
			g.state = gNumeric
		default:
			g.bad = true
		}
	case gError:
		if r == '?' {
			g.state, g.closed = gClosed, g.closed+1
		} else {
			g.state, g.bad = gNumeric, true
		}
	}
}

// valid reports a run that opened a track and holds only what readers send.
func (g grammar) valid() bool { return g.started && !g.bad }

// complete reports a valid run whose tracks all ended with their end
// sentinel.
func (g grammar) complete() bool {
	return g.closed > 0 && !g.bad && (g.state == gOutside || g.state == gClosed)
}

// expects reports whether r goes on with the tracks: any character inside
// a track; between tracks, once one opened, the next track's start
// sentinel or a terminator. A pause before it is the reader's. (A reader
// sends the LRC with its end sentinel, never after a pause.)
func (g grammar) expects(r rune) bool {
	switch g.state {
	case gOutside, gClosed:
		return g.started && (r == '%' || r == ';' || r == '+' || isTerminator(r))
	}
	return g.started
}

// grammarOf follows the characters of keys (a modifier key types none).
func grammarOf(keys []Key) grammar {
	var g grammar
	for _, k := range keys {
		if r, ok := keyChar(k); ok {
			g.add(r)
		}
	}
	return g
}
