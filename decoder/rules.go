package decoder

import (
	"strings"

	"magcheck/message"
)

// rule is what a finding code means for the diagnosis: how much it matters
// and which part of the chain it points at. Its words are in package
// message, under the same code.
type rule struct {
	key      Code // the code, or for a variant "code/detail"
	severity Severity
	fault    Fault // the part this finding points at, for the verdict
}

// Codes lists every finding code, in documentation order: the order of
// rules.
func Codes() []Code {
	out := make([]Code, len(rules))
	for i, r := range rules {
		out[i] = r.key
	}
	return out
}

// Variants lists the details that refine code c's words ("fast" for
// swipe_speed/fast), in documentation order.
func Variants(c Code) []string {
	var out []string
	for _, r := range variants {
		if code, detail, _ := strings.Cut(string(r.key), "/"); Code(code) == c {
			out = append(out, detail)
		}
	}
	return out
}

// find looks key up in a table. The tables are slices, not maps, so that
// they are data in the binary rather than code that fills a map at start-up:
// the page's WebAssembly size has a budget.
func find(table []rule, key Code) (rule, bool) {
	for _, e := range table {
		if e.key == key {
			return e, true
		}
	}
	return rule{}, false
}

func lookup(c Code, detail string) rule {
	if detail != "" {
		if e, ok := find(variants, c+"/"+Code(detail)); ok {
			return e
		}
	}
	if e, ok := find(rules, c); ok {
		return e
	}
	return rule{key: c, severity: SeverityInfo, fault: FaultNone}
}

// words are f's title, cause and action in l; a code the catalogue does
// not know stands for itself.
func (f Finding) words(l message.Lang) message.Finding {
	if w, ok := l.Finding(string(f.Code), f.Detail); ok {
		return w
	}
	return message.Finding{Code: string(f.Code), Title: string(f.Code), Cause: string(f.Code), Action: "-"}
}

var rules = []rule{
	{NoData, SeverityFail, FaultReader},
	{NotASwipe, SeverityFail, FaultInput},
	{HumanTyping, SeverityWarn, FaultInput},
	{TrackReadError, SeverityFail, FaultCard},
	{TrackAbsent, SeverityInfo, FaultSetup},
	{TrackMalformed, SeverityFail, FaultCard},
	{MissingStartSentinel, SeverityWarn, FaultSetup},
	{MissingEndSentinel, SeverityFail, FaultReader},
	{ParityError, SeverityFail, FaultCard},
	{LRCError, SeverityFail, FaultCard},
	{InvalidCharacter, SeverityFail, FaultCard},
	{TrackTooLong, SeverityWarn, FaultCard},
	{ExtraCharacters, SeverityWarn, FaultSetup},
	{LRCPresent, SeverityInfo, FaultSetup},
	{NoTerminator, SeverityWarn, FaultSetup},
	{TerminatorBetweenTracks, SeverityWarn, FaultSetup},
	// A note on the reader's pace: a slowed reader's swipe reads whole.
	{SlowKeystrokes, SeverityInfo, FaultSetup},
	{CaptureTruncated, SeverityWarn, FaultInput},
	{KeyboardLayoutMismatch, SeverityFail, FaultSetup},
	{CapsLock, SeverityFail, FaultSetup},
	{ReversedSwipe, SeverityInfo, FaultNone},
	{SwipeSpeed, SeverityWarn, FaultReader},
	{WeakSignal, SeverityWarn, FaultCard},
	// Graded only on a signal clean enough that the reader and the
	// recording cannot cause them (audio.Assess).
	{StripeWorn, SeverityWarn, FaultCard},
	{StripeJitter, SeverityWarn, FaultCard},
	{PANLuhnFailed, SeverityFail, FaultCard},
	{PANLengthInvalid, SeverityFail, FaultCard},
	{BrandUnknown, SeverityWarn, FaultHost},
	{Expired, SeverityFail, FaultCard},
	{ExpiryInvalid, SeverityFail, FaultCard},
	{ServiceCodeChip, SeverityWarn, FaultNone},
	{ServiceCodeRestricted, SeverityWarn, FaultCard},
	{ServiceCodeOnlineOnly, SeverityInfo, FaultHost},
	{ServiceCodeTest, SeverityWarn, FaultCard},
	{ServiceCodePrivate, SeverityWarn, FaultCard},
	{ServiceCodeInvalid, SeverityWarn, FaultCard},
	{TrackMismatch, SeverityFail, FaultCard},
	{NonPaymentCard, SeverityWarn, FaultCard},
	{AAMVALicence, SeverityWarn, FaultCard},
	{MaskedData, SeverityInfo, FaultNone},
	{EncryptedData, SeverityInfo, FaultNone},
	{ReaderStatus, SeverityWarn, FaultReader},
	{IssuerCheckRequired, SeverityInfo, FaultHost},
	// The reader's keys are its set-up (key injection), never the card's.
	{RecordChecksumFailed, SeverityFail, FaultSetup},
	{TestKey, SeverityFail, FaultSetup},
	{KeysExhausted, SeverityFail, FaultSetup},
	{NoKeyInjected, SeverityFail, FaultSetup},
	{HexInvalid, SeverityFail, FaultInput},
	{CommandRefused, SeverityFail, FaultSetup},
	// What the terminal said, beside the swipe (terminalRules).
	{MagstripeVerificationRequired, SeverityFail, FaultProvider},
	{TerminalReaderSuspect, SeverityFail, FaultReader},
	{TerminalClockSuspect, SeverityFail, FaultSetup},
	{TerminalMagstripeRefused, SeverityFail, FaultProvider},
	{TerminalCardNotAccepted, SeverityFail, FaultProvider},
	{IssuerDeclined, SeverityFail, FaultHost},
	{TerminalSignIn, SeverityFail, FaultHost},
	{TerminalExplained, SeverityInfo, FaultNone},
	{TerminalSecondary, SeverityInfo, FaultNone},
	{TerminalUnchecked, SeverityInfo, FaultNone},
	// The POS on the same host gets the input method's characters too.
	{InputMethodActive, SeverityFail, FaultSetup},
	// A card's own format, and a closed-loop card's own checks, are no
	// fault of the card or anything else.
	{NonISOEncoding, SeverityInfo, FaultNone},
	{ClosedLoopCard, SeverityInfo, FaultNone},
	// The recording's level, which the technician sets: the swipe read.
	{SignalClipped, SeverityInfo, FaultSetup},
	// A track the set-up withholds from every card: cards without it (many
	// have no track 1) read as they should, so it is a note but for track 2.
	{TrackDisabled, SeverityInfo, FaultSetup},
}

// variants refine a code's severity and fault by Finding.Detail.
var variants = []rule{
	{"swipe_speed/fast", SeverityWarn, FaultReader},
	{"swipe_speed/slow", SeverityWarn, FaultReader},
	{"swipe_speed/uneven", SeverityWarn, FaultReader},
	// The stripe or the reader's chain: the verdict names both, and how
	// to tell (verdict.go).
	{"weak_signal/noisy", SeverityWarn, FaultReader},
	{"service_code_restricted/national", SeverityWarn, FaultCard},
	{"service_code_restricted/goods", SeverityWarn, FaultCard},
	{"service_code_restricted/atm", SeverityFail, FaultCard},
	{"service_code_restricted/cash", SeverityFail, FaultCard},
	{"track_read_error/all", SeverityFail, FaultCard},
	{"non_payment_card/gift", SeverityWarn, FaultCard},
	{"non_payment_card/private", SeverityWarn, FaultCard},
	// A log or a copy that keeps a track's data without its sentinels: no
	// fault of the card, the reader or its set-up.
	{"missing_start_sentinel/stripped", SeverityInfo, FaultNone},
	{"missing_end_sentinel/stripped", SeverityInfo, FaultNone},
	{"hex_invalid/odd", SeverityWarn, FaultNone},
	{"magstripe_verification_required/chip", SeverityFail, FaultProvider},
	{"magstripe_verification_required/limit", SeverityFail, FaultProvider},
	{"terminal_explained/read_failed", SeverityInfo, FaultNone},
	{"terminal_explained/weak", SeverityInfo, FaultNone},
	{"terminal_explained/not_payment", SeverityInfo, FaultNone},
	{"terminal_explained/expired", SeverityInfo, FaultNone},
	{"terminal_explained/chip", SeverityInfo, FaultNone},
	{"terminal_secondary/unread", SeverityInfo, FaultNone},
	{"terminal_secondary/setup", SeverityInfo, FaultNone},
	// Payment terminals and hosts read track 2: every card is refused.
	{"track_disabled/track2", SeverityWarn, FaultSetup},
}
