package decoder

import (
	"magcheck/decoder/card"
	"magcheck/message"
)

// faultOf picks the part most likely at fault: the first fail finding
// decides; without one, warnings that point at the set-up or the reader;
// a clean payment card leaves only the host or issuer.
func faultOf(r *Report) Fault {
	top := topFinding(r)
	if top == nil {
		if r.Card != nil && r.Card.Kind == card.KindPayment {
			return FaultHost
		}
		return FaultNone
	}
	f := lookup(top.Code, top.Detail).fault
	if f == FaultNone && r.Card != nil && r.Card.Kind == card.KindPayment {
		return FaultHost
	}
	return f
}

// topFinding is the finding the verdict is about: the first fail, else the
// first warning that points somewhere.
func topFinding(r *Report) *Finding {
	for i := range r.Findings {
		if r.Findings[i].Severity == SeverityFail {
			return &r.Findings[i]
		}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Severity == SeverityWarn {
			return f
		}
	}
	return nil
}

// readFailures are findings a single swipe cannot pin on the card or the
// reader; the verdict says how to tell.
var readFailures = map[Code]bool{
	TrackReadError: true, ParityError: true, LRCError: true, MissingEndSentinel: true, NoData: true, TrackMalformed: true,
}

// verdictKey words the verdict for the part at fault; titled reports
// whether the sentence names the finding it rests on.
func verdictKey(f Fault) (k message.Key, titled bool) {
	switch f {
	case FaultCard:
		return message.VerdictCard, true
	case FaultReader:
		return message.VerdictReader, true
	case FaultSetup:
		return message.VerdictSetup, true
	case FaultInput:
		return message.VerdictInput, true
	case FaultProvider:
		return message.VerdictBeyond, true
	case FaultHost:
		return message.VerdictHost, false
	}
	return message.VerdictClean, false
}

// Verdict sums the report up in language l: one sentence, and a second
// where the terminal's words are not the cause (terminal_secondary).
func (r *Report) Verdict(l message.Lang) string {
	return r.terminalNote(l, r.verdict(l))
}

// terminalNote adds to verdict v, when a fault of the swipe comes before
// what the terminal said, that it is to be fixed first.
func (r *Report) terminalNote(l message.Lang, v string) string {
	if hasCode(r, TerminalSecondary) {
		return l.Format(message.Sentences, v, l.Text(message.VerdictTerminalSecondary))
	}
	return v
}

func (r *Report) verdict(l message.Lang) string {
	top := topFinding(r)
	k, titled := verdictKey(r.Fault)
	switch {
	case top == nil:
		if own, ok := ownVerdict(r); ok {
			return l.Text(own)
		}
		return l.Text(k)
	case top.Severity == SeverityWarn && lookup(top.Code, top.Detail).fault == FaultNone:
		// A clean read with something to do, such as inserting a chip card.
		return l.Text(message.VerdictClean) + " " + top.words(l).Action
	case readFailures[top.Code], top.Code == WeakSignal && top.Detail == "noisy":
		return l.Format(message.VerdictCardOrReader, top.words(l).Title)
	case top.Severity == SeverityFail && r.Fault == FaultHost:
		// What the terminal passed on from the host or the issuer.
		return l.Format(message.VerdictBeyond, top.words(l).Title)
	case top.Code == NotASwipe:
		// Its title would only say again what the verdict says.
		return l.Text(message.VerdictNotASwipe)
	case titled:
		return l.Format(k, top.words(l).Title)
	}
	return l.Text(k)
}

// ownVerdict is the verdict of a swipe without fault whose card is no
// payment card by design: one with its own encoding, or a closed-loop
// card.
func ownVerdict(r *Report) (message.Key, bool) {
	for _, f := range r.Findings {
		switch f.Code {
		case NonISOEncoding:
			return message.VerdictNonISO, true
		case ClosedLoopCard:
			return message.VerdictClosedLoop, true
		}
	}
	return 0, false
}
