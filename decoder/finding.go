package decoder

import "magcheck/message"

// Code names a finding. Codes are stable: reports, tests and the page's
// data-code attributes use them, so never rename one.
type Code string

// The finding codes. docs/findings.md lists each with its cause and action.
const (
	NoData                 Code = "no_data"
	NotASwipe              Code = "not_a_swipe"
	TrackReadError         Code = "track_read_error"
	TrackAbsent            Code = "track_absent"
	TrackMalformed         Code = "track_malformed"
	MissingStartSentinel   Code = "missing_start_sentinel"
	MissingEndSentinel     Code = "missing_end_sentinel"
	ParityError            Code = "parity_error"
	LRCError               Code = "lrc_error"
	InvalidCharacter       Code = "invalid_character"
	TrackTooLong           Code = "track_too_long"
	ExtraCharacters        Code = "extra_characters"
	KeyboardLayoutMismatch Code = "keyboard_layout_mismatch"
	CapsLock               Code = "caps_lock"
	PANLuhnFailed          Code = "pan_luhn_failed"
	PANLengthInvalid       Code = "pan_length_invalid"
	BrandUnknown           Code = "brand_unknown"
	Expired                Code = "expired"
	ExpiryInvalid          Code = "expiry_invalid"
	ServiceCodeChip        Code = "service_code_chip"
	ServiceCodeRestricted  Code = "service_code_restricted"
	ServiceCodeOnlineOnly  Code = "service_code_online_only"
	ServiceCodeTest        Code = "service_code_test"
	ServiceCodePrivate     Code = "service_code_private"
	TrackMismatch          Code = "track_mismatch"
	NonPaymentCard         Code = "non_payment_card"
	MaskedData             Code = "masked_data"
	ReversedSwipe          Code = "reversed_swipe"
	IssuerCheckRequired    Code = "issuer_check_required"

	// Beyond the foundation list.
	ServiceCodeInvalid Code = "service_code_invalid" // a digit ISO 7813 leaves unassigned
	LRCPresent         Code = "lrc_present"          // the reader transmits the LRC character
	NoTerminator       Code = "no_terminator"        // the swipe did not end with Enter/Tab
	SlowKeystrokes     Code = "slow_keystrokes"      // the reader types slowly or stutters
	HumanTyping        Code = "human_typing"         // the keys came at a person's pace
	EncryptedData      Code = "encrypted_data"       // HID reader sent only encrypted tracks
	ReaderStatus       Code = "reader_status"        // a HID reader's own status flags
	SwipeSpeed         Code = "swipe_speed"          // audio: too fast, too slow or uneven
	WeakSignal         Code = "weak_signal"          // audio: low amplitude
	AAMVALicence       Code = "aamva_licence"        // the card is a driver's licence / ID
	CaptureTruncated   Code = "capture_truncated"    // the capture hit a size or key limit
	// The reader typed Enter or Tab between tracks, not only after the last.
	TerminatorBetweenTracks Code = "terminator_between_tracks"

	// What an encrypting reader's output says of its keys, and of the
	// record it typed.
	TestKey              Code = "test_key"               // the KSN belongs to a published test or demo key
	KeysExhausted        Code = "keys_exhausted"         // DUKPT keys used up, or the counter at its limit
	NoKeyInjected        Code = "key_not_injected"       // an encrypting reader without key, sending in the clear
	RecordChecksumFailed Code = "record_checksum_failed" // the record's CRC, LRC, checksum or layout does not match what was typed
	// The input is track 2 in hex (EMV tag 57 or nibbles) and the record is damaged.
	HexInvalid Code = "hex_invalid"
	// An MSR605-family reader-writer answered a read with "command format
	// error" or "invalid command".
	CommandRefused Code = "command_refused"
	// Stripe quality of an audio swipe: a weak stretch of stripe, and
	// flux reversal spacing beyond what encoders are held to.
	StripeWorn   Code = "stripe_worn"
	StripeJitter Code = "stripe_jitter"

	// What the terminal said, beside the swipe read here (Report.Told).
	// The payment company's magstripe card verification (磁条卡认证), or
	// its magstripe limit.
	MagstripeVerificationRequired Code = "magstripe_verification_required"
	TerminalReaderSuspect         Code = "terminal_reader_suspect"    // the terminal failed a stripe this reader reads
	TerminalClockSuspect          Code = "terminal_clock_suspect"     // "expired" for an expiry still ahead
	TerminalMagstripeRefused      Code = "terminal_magstripe_refused" // "insert the chip" for a card with none
	TerminalCardNotAccepted       Code = "terminal_card_not_accepted" // "invalid card" for a valid payment card
	IssuerDeclined                Code = "issuer_declined"            // the issuer's refusal, passed on
	TerminalSignIn                Code = "terminal_sign_in"           // the terminal is not signed in to its host
	TerminalExplained             Code = "terminal_explained"         // the swipe shows why the terminal said it
	TerminalSecondary             Code = "terminal_secondary"         // a fault of the swipe comes before the terminal's words
	TerminalUnchecked             Code = "terminal_unchecked"         // the stripe cannot confirm or refute the terminal
	// The host's input method (Chinese, full width) typed other characters
	// for the reader's keys.
	InputMethodActive Code = "input_method_active"
	// The stripe reads cleanly but holds no ISO 7811 track: the card has
	// its own encoding (a transit ticket, a hotel key, an access badge).
	NonISOEncoding Code = "non_iso_encoding"
	// The card number lies outside every payment brand's range: a
	// loyalty, gift, fleet or private card, whose check digit, expiry
	// and service code are its own system's business.
	ClosedLoopCard Code = "closed_loop_card"
	// A recording's pulses flattened at full scale: the input level is
	// too high.
	SignalClipped Code = "signal_clipped"
	// The reader's set-up turns off a track the swipe has nothing on (a
	// MagTek reader's Track ID Enable property, read over HID).
	TrackDisabled Code = "track_disabled"
)

// Severity says how much a finding matters.
type Severity string

// Severities, most severe first.
const (
	SeverityFail Severity = "fail" // the POS will refuse this swipe
	SeverityWarn Severity = "warn" // may cause trouble, or points at a fault
	SeverityInfo Severity = "info" // worth knowing
)

func (s Severity) rank() int {
	switch s {
	case SeverityFail:
		return 0
	case SeverityWarn:
		return 1
	}
	return 2
}

// Finding is one observation about a swipe, with what to do about it.
type Finding struct {
	Code     Code
	Severity Severity
	Track    int // 1–3, or 0 when it concerns the whole swipe
	// Evidence is the observed fact, free of card data (a masked PAN at
	// most), as a message a View words in its language.
	Evidence message.Message
	// Detail selects a variant of the message where one code covers several
	// cases (e.g. SwipeSpeed "fast", "slow", "uneven"); empty for the default.
	Detail string
}
