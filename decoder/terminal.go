package decoder

import (
	"slices"

	"magcheck/decoder/card"
	"magcheck/message"
)

// TerminalSaid is what the POS terminal showed when it refused the card, as
// the technician chose it: the code of one of message.Terminals, or
// SaidNothing. The terminal's words and the swipe read here together
// usually settle the cause (Report.Told).
type TerminalSaid string

// What terminals say. Codes are stable: the page's data-terminal-said, the
// JSON's terminal_said and `magcheck decode --terminal-said` use them.
const (
	SaidNothing          TerminalSaid = ""
	SaidNotAuthenticated TerminalSaid = "not_authenticated" // 磁条卡未认证
	SaidInsertChip       TerminalSaid = "insert_chip"       // 请插卡
	SaidReadFailed       TerminalSaid = "read_failed"       // 读卡失败
	SaidInvalidCard      TerminalSaid = "invalid_card"      // 无效卡
	SaidExpired          TerminalSaid = "expired"           // 卡已过期
	SaidOverLimit        TerminalSaid = "over_limit"        // 超出单笔限额
	SaidContactIssuer    TerminalSaid = "contact_issuer"    // 请联系发卡行
	SaidSignIn           TerminalSaid = "sign_in"           // 请重新签到
)

// ParseTerminalSaid reads a message's code; ok is false for a code that
// names none of message.Terminals.
func ParseTerminalSaid(code string) (s TerminalSaid, ok bool) {
	if _, ok := message.TerminalByCode(code); !ok {
		return SaidNothing, false
	}
	return TerminalSaid(code), true
}

// In words s in l: its gloss and the terminal's own words (message.Term).
func (s TerminalSaid) In(l message.Lang) string {
	t, ok := message.TerminalByCode(string(s))
	if !ok {
		return string(s)
	}
	return t.Label(l)
}

// swipeShows is what a swipe read here shows, as far as a terminal's
// message goes: each rule of terminalRules matches a set of them.
type swipeShows uint8

const (
	// The stripe did not read cleanly here: a read failure, or a fault of
	// the reader or the input (the first fail finding).
	showsUnread swipeShows = 1 << iota
	// The reader's or host's set-up has a fault that garbles or refuses
	// every card here (a keyboard layout, Caps Lock, the reader's keys).
	showsSetup
	// Read cleanly, but not a bank payment card (gift, loyalty, ID,
	// private, test or unknown).
	showsNotPayment
	// A payment card whose expiry has passed (the expired finding).
	showsExpired
	// A payment card whose data breaks a payment check: check digit,
	// length, expiry field, tracks that differ, a restricted service code.
	showsCardFault
	// A payment card read cleanly whose service code says it has a chip.
	showsChip
	// A payment card read cleanly with no chip, or none the stripe shows.
	showsClean

	// The sets the rules use.
	showsPayment = showsChip | showsClean
	showsRead    = showsNotPayment | showsExpired | showsCardFault | showsPayment
	showsAny     = showsUnread | showsSetup | showsRead
)

// swipeFacts is what Told needs of a swipe, worked out once.
type swipeFacts struct {
	shows swipeShows
	top   *Finding // the finding the swipe's verdict rests on, if any
	// weak is a read whose stripe is worn or weak: another reader may
	// fail where this one coped.
	weak bool
	// futureExpiry is a valid expiry on the stripe that has not passed.
	futureExpiry bool
}

// cardDataCodes are the fail findings that come from the card's data, read
// cleanly, rather than from the read.
var cardDataCodes = []Code{PANLuhnFailed, PANLengthInvalid, ExpiryInvalid, TrackMismatch, ServiceCodeRestricted}

// weakStripe are the findings that say a stripe read here is weak.
// A weak signal is left out: it can be the recording's, not the stripe's.
var weakStripe = []Code{StripeWorn, StripeJitter}

func factsOf(r *Report) swipeFacts {
	f := swipeFacts{top: topFinding(r)}
	for i := range r.Findings {
		x := &r.Findings[i]
		f.weak = f.weak || slices.Contains(weakStripe, x.Code)
		if x.Severity != SeverityFail || f.shows != 0 {
			continue
		}
		switch {
		case x.Code == Expired:
			f.shows = showsExpired
		case slices.Contains(cardDataCodes, x.Code):
			f.shows = showsCardFault
		case lookup(x.Code, x.Detail).fault == FaultSetup:
			f.shows = showsSetup
		default:
			f.shows = showsUnread
		}
	}
	c := r.Card
	if c != nil && c.Kind == card.KindPayment {
		f.futureExpiry = c.Expiry.Valid() && !hasCode(r, Expired)
	}
	switch {
	case f.shows == showsUnread, f.shows == showsSetup:
	case c == nil || c.Kind != card.KindPayment:
		f.shows = showsNotPayment
	case f.shows != 0:
	case c.ServiceCode.Chip():
		f.shows = showsChip
	default:
		f.shows = showsClean
	}
	return f
}

// hasCode reports whether r has a finding of code c.
func hasCode(r *Report, c Code) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Code == c })
}

// terminalRule is one row of the table of what a terminal's message means
// beside the swipe read here: the first row whose message and swipe match
// gives the finding.
type terminalRule struct {
	said  TerminalSaid // SaidNothing matches every message
	shows swipeShows
	// weak and futureExpiry, when set, are required of the swipe too.
	weak, futureExpiry bool
	code               Code
	detail             string
}

// terminalRules is the combination table; docs/findings.md prints it. A
// swipe that did not read cleanly here comes first whatever the terminal
// said: a terminal cannot check what it could not read, so its words say
// nothing until the stripe reads. So does a fault of the set-up here,
// which would garble or refuse any card.
var terminalRules = []terminalRule{
	{said: SaidReadFailed, shows: showsUnread, code: TerminalExplained, detail: "read_failed"},
	{said: SaidReadFailed, shows: showsRead &^ showsNotPayment, weak: true, code: TerminalExplained, detail: "weak"},
	{said: SaidReadFailed, shows: showsRead &^ showsNotPayment, code: TerminalReaderSuspect},
	{shows: showsUnread, code: TerminalSecondary, detail: "unread"},
	{shows: showsSetup, code: TerminalSecondary, detail: "setup"},
	// No card pays on a terminal that is not signed in.
	{said: SaidSignIn, shows: showsRead, code: TerminalSignIn},
	{shows: showsNotPayment, code: TerminalExplained, detail: "not_payment"},
	{said: SaidExpired, shows: showsExpired, code: TerminalExplained, detail: "expired"},
	{said: SaidExpired, shows: showsPayment, futureExpiry: true, code: TerminalClockSuspect},
	{shows: showsExpired | showsCardFault, code: TerminalSecondary},
	{said: SaidNotAuthenticated, shows: showsChip, code: MagstripeVerificationRequired, detail: "chip"},
	{said: SaidNotAuthenticated, shows: showsClean, code: MagstripeVerificationRequired},
	{said: SaidInsertChip, shows: showsChip, code: TerminalExplained, detail: "chip"},
	{said: SaidInsertChip, shows: showsClean, code: TerminalMagstripeRefused},
	{said: SaidOverLimit, shows: showsPayment, code: MagstripeVerificationRequired, detail: "limit"},
	{said: SaidInvalidCard, shows: showsPayment, code: TerminalCardNotAccepted},
	{said: SaidContactIssuer, shows: showsPayment, code: IssuerDeclined},
	// What is left (a terminal saying the card expired when the stripe
	// shows no expiry) cannot be checked against the stripe.
	{shows: showsAny, code: TerminalUnchecked},
}

func (t terminalRule) matches(said TerminalSaid, f swipeFacts) bool {
	return (t.said == SaidNothing || t.said == said) && t.shows&f.shows != 0 &&
		(!t.weak || f.weak) && (!t.futureExpiry || f.futureExpiry)
}

// Told returns r as read beside what the terminal said: with the finding
// that the terminal's message and this swipe give together (terminalRules),
// and the verdict and fault that follow. r is unchanged. A report told
// before is told afresh from its own diagnosis, and SaidNothing gives that
// diagnosis back. The page tells each report on screen what the visit's
// terminal said (Session.View); the command, what --terminal-said gave.
func (r *Report) Told(said TerminalSaid) *Report {
	if r.untold != nil {
		r = r.untold
	}
	if said == SaidNothing {
		return r
	}
	out := *r
	out.Terminal, out.untold = said, r
	facts := factsOf(r)
	rule := terminalRules[slices.IndexFunc(terminalRules, func(t terminalRule) bool { return t.matches(said, facts) })]
	out.Findings = slices.Clone(r.Findings)
	// The terminal's answer settles what the issuer note left open.
	if f := lookup(rule.code, rule.detail).fault; f == FaultProvider || f == FaultHost {
		out.Findings = slices.DeleteFunc(out.Findings, func(f Finding) bool { return f.Code == IssuerCheckRequired })
	}
	out.Findings = append(out.Findings, Finding{
		Code:     rule.code,
		Detail:   rule.detail,
		Severity: lookup(rule.code, rule.detail).severity,
		Evidence: terminalEvidence(said, r.Card, facts),
	})
	sortFindings(out.Findings)
	out.Fault = faultOf(&out)
	return &out
}

// terminalEvidence is what a terminal finding rests on: what the terminal
// said, and what the swipe showed that bears on it.
func terminalEvidence(said TerminalSaid, c *card.Card, f swipeFacts) message.Message {
	var here any
	switch {
	case f.shows&(showsUnread|showsSetup|showsExpired|showsCardFault) != 0 && f.top != nil,
		f.shows == showsNotPayment && f.top != nil:
		here = titleOf{f.top.Code, f.top.Detail}
	case c == nil:
		return message.New(message.EvidenceTerminal, said)
	case said == SaidExpired && f.futureExpiry:
		here = message.New(message.FactExpiryAhead, c.Expiry.String())
	case c.ServiceCode.Chip():
		here = message.New(message.FactChip, string(c.ServiceCode))
	case c.ServiceCode.Valid():
		here = message.New(message.FactNoChip, keyOf(brandNames, c.Brand), string(c.ServiceCode))
	default:
		here = message.New(message.FactReadClean, keyOf(brandNames, c.Brand))
	}
	return message.New(message.EvidenceTerminalAnd, said, here)
}

// titleOf is a finding's title as an evidence value: it words itself in
// the evidence's language.
type titleOf struct {
	code   Code
	detail string
}

func (t titleOf) In(l message.Lang) string {
	return Finding{Code: t.code, Detail: t.detail}.words(l).Title
}
