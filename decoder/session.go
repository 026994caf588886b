package decoder

import (
	"hash/maphash"

	"magcheck/message"
)

// Session keeps the swipes of one visit, in memory only, and sums them up:
// good cards reading cleanly after a failing one point at that card; every
// card failing the same track points at the reader head or its set-up.
//
// It keeps a small record per swipe, never the track data: a keyed hash of
// the PAN tells cards apart without holding the number.
type Session struct {
	max     int
	seed    maphash.Seed
	swipes  []swipeRecord
	dropped int
	// said is what the terminal said, for every swipe of the visit until
	// it is changed or the visit cleared.
	said TerminalSaid
}

type swipeRecord struct {
	card   uint64 // 0 when the swipe identified no card
	status [3]TrackStatus
	failed bool // a read failure: the stripe could not be read cleanly
	// refused is the first failing finding that points at the reader or
	// its set-up and is no read failure (test_key, keyboard_layout_mismatch
	// …): a reason the host refuses the swipe whatever the card.
	refused Code
	// notSwipe marks input that was no swipe at all (not_a_swipe,
	// hex_invalid): it says nothing of card or reader.
	notSwipe bool
}

// DefaultSessionSize bounds a Session made with NewSession(0).
const DefaultSessionSize = 1000

// NewSession returns a Session that keeps at most limit swipes, dropping the
// oldest beyond that (limit ≤ 0 means DefaultSessionSize).
func NewSession(limit int) *Session {
	if limit <= 0 {
		limit = DefaultSessionSize
	}
	return &Session{max: limit, seed: maphash.MakeSeed()}
}

// Add records a swipe.
func (s *Session) Add(r *Report) {
	if len(s.swipes) == s.max {
		copy(s.swipes, s.swipes[1:])
		s.swipes = s.swipes[:len(s.swipes)-1]
		s.dropped++
	}
	s.swipes = append(s.swipes, s.record(r))
}

// ReplaceLast records r in place of the last swipe: the same swipe, read
// further (a keyboard.Swipe that Extends the one before). With no swipe
// kept it adds r.
func (s *Session) ReplaceLast(r *Report) {
	if len(s.swipes) == 0 {
		s.Add(r)
		return
	}
	s.swipes[len(s.swipes)-1] = s.record(r)
}

func (s *Session) record(r *Report) swipeRecord {
	rec := swipeRecord{}
	for i, t := range r.Tracks {
		rec.status[i] = t.Status
	}
	if r.Card != nil && r.Card.PAN != "" {
		rec.card = maphash.String(s.seed, r.Card.PAN) | 1
	}
	for _, f := range r.Findings {
		if f.Severity != SeverityFail {
			continue
		}
		switch fault := lookup(f.Code, f.Detail).fault; {
		case readFailures[f.Code]:
			rec.failed = true
		case fault == FaultInput:
			rec.notSwipe = true
		case rec.refused == "" && (fault == FaultReader || fault == FaultSetup):
			rec.refused = f.Code
		}
	}
	return rec
}

// Len is the number of swipes kept.
func (s *Session) Len() int { return len(s.swipes) }

// Clear forgets every swipe, and what the terminal said.
func (s *Session) Clear() {
	s.swipes, s.dropped, s.said = nil, 0, SaidNothing
	s.seed = maphash.MakeSeed()
}

// SetTerminalSaid records what the terminal said, SaidNothing to unset it:
// View tells every swipe of the visit, those before and those after.
func (s *Session) SetTerminalSaid(said TerminalSaid) { s.said = said }

// TerminalSaid is what the terminal said, as SetTerminalSaid last recorded.
func (s *Session) TerminalSaid() TerminalSaid { return s.said }

// Summary is what a session's swipes say together.
type Summary struct {
	Swipes       int // swipes kept
	Cards        int // distinct cards identified
	Unidentified int // swipes that identified no card
	Failed       int // swipes with a read failure
	Dropped      int // oldest swipes dropped to bound memory
	// TrackReads and TrackFailures count, per track, the swipes that read it
	// cleanly and those where it failed (reader error or malformed).
	TrackReads, TrackFailures [3]int
	GoodCards, FailingCards   int
	// Fault is FaultCard, FaultReader or FaultSetup when the swipes point at
	// one, FaultNone when all read cleanly, "" when they do not tell yet.
	Fault Fault
	// Track is the track that failed on every card, for FaultReader and
	// FaultSetup.
	Track int
	// Refused is the reason every swipe was refused, when two or more
	// share one that points at the reader or its set-up (test_key,
	// keyboard_layout_mismatch …); Fault is then the part it points at.
	Refused Code
}

// Summary sums the session up.
func (s *Session) Summary() Summary {
	sum := Summary{Swipes: len(s.swipes), Dropped: s.dropped}
	good, failing := map[uint64]bool{}, map[uint64]bool{}
	var everyFail, everyAbsent [3]bool
	for i := range everyFail {
		everyFail[i], everyAbsent[i] = true, true
	}
	refusals := 0
	for _, w := range s.swipes {
		if w.card == 0 {
			sum.Unidentified++
		}
		if w.refused != "" || w.notSwipe {
			refusals++
		}
		if w.failed {
			sum.Failed++
			failing[w.card] = true // card 0: an unidentified failing card
		} else if w.card != 0 {
			good[w.card] = true
		}
		for i, st := range w.status {
			switch st {
			case StatusOK:
				sum.TrackReads[i]++
			case StatusError, StatusMalformed:
				sum.TrackFailures[i]++
			}
			everyFail[i] = everyFail[i] && (st == StatusError || st == StatusMalformed)
			everyAbsent[i] = everyAbsent[i] && st == StatusAbsent
		}
	}
	cards := map[uint64]bool{}
	for c := range good {
		cards[c] = true
	}
	for c := range failing {
		if c != 0 {
			cards[c] = true
		}
	}
	sum.Cards = len(cards)
	for c := range failing {
		if !good[c] {
			sum.FailingCards++
		}
	}
	sum.GoodCards = len(good)
	distinct := sum.Cards + sum.Unidentified // a lower bound is enough here
	switch refused := s.commonRefusal(); {
	case sum.Swipes == 0:
	case refused != "":
		sum.Fault, sum.Refused = lookup(refused, "").fault, refused
	case sum.GoodCards >= 2 && sum.FailingCards >= 1:
		sum.Fault = FaultCard
	case sum.Failed > 0 && sum.GoodCards == 0 && distinct >= 2:
		for i := range everyFail {
			if everyFail[i] {
				sum.Fault, sum.Track = FaultReader, i+1
				break
			}
		}
	case refusals > 0:
		// Some swipes were refused for a reader or set-up reason, not all
		// for the same one, or were no swipe: nothing read "cleanly", and
		// nothing is settled.
	case sum.Failed == 0 && sum.GoodCards >= 2:
		// Cards read, but track 1 or 2 never arrives on any of them: the
		// reader is likely set not to send it.
		sum.Fault = FaultNone
		for i := range 2 {
			if everyAbsent[i] {
				sum.Fault, sum.Track = FaultSetup, i+1
				break
			}
		}
	case sum.Failed == 0:
		sum.Fault = FaultNone
	}
	return sum
}

// commonRefusal is the reason every kept swipe was refused, when there are
// two or more and they all share one.
func (s *Session) commonRefusal() Code {
	if len(s.swipes) < 2 {
		return ""
	}
	c := s.swipes[0].refused
	for _, w := range s.swipes[1:] {
		if w.refused != c {
			return ""
		}
	}
	return c
}

// View renders r, a swipe of the visit, as Report.View does, Told what
// the terminal said, with the verdict the whole visit gives once it has
// told card from reader: this
// card when other cards read cleanly, the reader when every card failed
// the same track or every swipe was refused for the same reader reason,
// the set-up when a track never arrived. The page and its exports show
// this view.
func (s *Session) View(r *Report, l message.Lang, reveal bool) View {
	r = r.Told(s.said)
	v := r.View(l, reveal)
	sum := s.Summary()
	top := topFinding(r)
	switch {
	case sum.Refused != "" && top != nil && top.Code == sum.Refused:
		v.Verdict = l.Format(message.VerdictVisitRefused, top.words(l).Title, sum.Swipes)
	case sum.Fault == FaultReader && sum.Track > 0 && failedTrack(r, sum.Track):
		v.Verdict = l.Format(message.VerdictVisitReader, sum.Track, sum.TrackFailures[sum.Track-1], sum.Swipes)
	case sum.Fault == FaultCard && top != nil && readFailures[top.Code]:
		v.Verdict = l.Format(message.VerdictVisitCard, top.words(l).Title,
			l.Plural(sum.GoodCards, message.OtherCardsOne, message.OtherCardsMany))
	case sum.Fault == FaultSetup && sum.Track > 0 && r.Tracks[sum.Track-1].Status == StatusAbsent:
		v.Verdict = l.Format(message.VerdictVisitSetup, sum.Track)
	default:
		return v
	}
	v.Verdict = r.terminalNote(l, v.Verdict)
	v.Fault = string(sum.Fault)
	return v
}

// failedTrack reports whether track n of r failed to read.
func failedTrack(r *Report, n int) bool {
	st := r.Tracks[n-1].Status
	return st == StatusError || st == StatusMalformed
}
