package decoder

import "magcheck/decoder/card"

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

var verdicts = map[Fault]text{
	FaultNone: {"The swipe read cleanly: card and reader work.",
		"刷卡读取正常：卡片和读卡器都工作正常。"},
	FaultCard: {"Most likely the card: %s.",
		"最可能是卡片的问题：%s。"},
	FaultReader: {"Most likely the reader or the way the card was swiped: %s.",
		"最可能是读卡器或刷卡方式的问题：%s。"},
	FaultSetup: {"Most likely the reader's or host's set-up: %s.",
		"最可能是读卡器或主机设置的问题：%s。"},
	FaultHost: {"The stripe reads cleanly and the card data is valid: if the POS still refuses it, the cause is on the host or issuer side, which cannot be checked offline.",
		"磁条读取正常，卡片数据有效：如果收银系统仍然拒绝，原因在主机或发卡行一侧，无法离线检查。"},
	FaultInput: {"This is not a card swipe: %s.",
		"这不是刷卡数据：%s。"},
}

// readFailures are findings a single swipe cannot pin on the card or the
// reader; the verdict says how to tell.
var readFailures = map[Code]bool{
	TrackReadError: true, ParityError: true, LRCError: true, MissingEndSentinel: true, NoData: true, TrackMalformed: true,
}

var cardOrReader = text{"The card's stripe or the reader: %s. Swipe 2–3 known-good cards to tell which.",
	"卡片磁条或读卡器的问题：%s。刷 2–3 张已知良好的卡即可分辨。"}

// Verdict sums the report up in one sentence in language l.
func (r *Report) Verdict(l Lang) string {
	top := topFinding(r)
	switch {
	case top == nil:
		return verdicts[r.Fault].in(l)
	case top.Severity == SeverityWarn && lookup(top.Code, top.Detail).fault == FaultNone:
		// A clean read with something to do, such as inserting a chip card.
		return verdicts[FaultNone].in(l) + " " + top.Action(l)
	}
	title := lookup(top.Code, top.Detail).title.in(l)
	if readFailures[top.Code] {
		return fill(cardOrReader.in(l), title)
	}
	return fill(verdicts[r.Fault].in(l), title)
}

// fill puts s where %s stands; the catalogue needs nothing more than that
// and fmt would be the only reason to link it into the page.
func fill(format, s string) string {
	for i := 0; i+1 < len(format); i++ {
		if format[i] == '%' && format[i+1] == 's' {
			return format[:i] + s + format[i+2:]
		}
	}
	return format
}
