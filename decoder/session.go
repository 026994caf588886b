package decoder

import "hash/maphash"

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
}

type swipeRecord struct {
	card   uint64 // 0 when the swipe identified no card
	status [3]TrackStatus
	failed bool // a read failure: the stripe could not be read cleanly
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
		if f.Severity == SeverityFail && readFailures[f.Code] {
			rec.failed = true
		}
	}
	return rec
}

// Len is the number of swipes kept.
func (s *Session) Len() int { return len(s.swipes) }

// Clear forgets every swipe.
func (s *Session) Clear() {
	s.swipes, s.dropped = nil, 0
	s.seed = maphash.MakeSeed()
}

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
}

// Summary sums the session up.
func (s *Session) Summary() Summary {
	sum := Summary{Swipes: len(s.swipes), Dropped: s.dropped}
	good, failing := map[uint64]bool{}, map[uint64]bool{}
	var everyFail, everyAbsent [3]bool
	for i := range everyFail {
		everyFail[i], everyAbsent[i] = true, true
	}
	for _, w := range s.swipes {
		if w.card == 0 {
			sum.Unidentified++
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
	switch {
	case sum.Swipes == 0:
	case sum.GoodCards >= 2 && sum.FailingCards >= 1:
		sum.Fault = FaultCard
	case sum.Failed > 0 && sum.GoodCards == 0 && distinct >= 2:
		for i := range everyFail {
			if everyFail[i] {
				sum.Fault, sum.Track = FaultReader, i+1
				break
			}
		}
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
