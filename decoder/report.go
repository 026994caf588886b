package decoder

import (
	"magcheck/decoder/audio"
	"magcheck/decoder/card"
	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// Input names where a capture came from.
type Input string

// The inputs magcheck reads.
const (
	InputWedge Input = "wedge" // reader text: a keyboard-wedge capture or a paste
	InputKeys  Input = "keys"  // keystrokes rebuilt from KeyboardEvent.code
	InputBits  Input = "bits"  // a raw bit stream
	InputHID   Input = "hid"   // a vendor HID report
	InputAudio Input = "audio" // an F2F waveform
)

// TrackStatus is what became of one track of a swipe.
type TrackStatus string

// Track statuses, as the page and the JSON report show them.
const (
	StatusOK        TrackStatus = "ok"        // read, structure valid
	StatusError     TrackStatus = "error"     // the reader (or our bit decoder) reported a decode error
	StatusAbsent    TrackStatus = "absent"    // nothing was delivered for the track
	StatusMalformed TrackStatus = "malformed" // characters arrived but do not form a valid track
	StatusNonISO    TrackStatus = "non_iso"   // the bits read cleanly but hold no ISO 7811 track: the card's own encoding
)

// Track is one track of a swipe as the report shows it.
type Track struct {
	Number int
	Status TrackStatus
	// Text is the track as read, start sentinel through end sentinel, in clear.
	// Use MaskedText to show it.
	Text string
	// Errors mark positions in Text (byte offsets) where something is wrong.
	Errors []TrackError
	// Fields locate the decoded fields in Text, for masking and for the stripe picture.
	Fields []card.Field
	// Bits places the characters along the stripe when the track was read
	// bit by bit (a raw read, a bit stream, a recording); nil otherwise.
	Bits *TrackBits
}

// TrackError is one problem at one place in a track.
type TrackError struct {
	Pos  int  // byte offset in Track.Text; -1 for the whole track
	Code Code // the finding it belongs to, e.g. ParityError
}

// Report is everything magcheck knows about one swipe.
type Report struct {
	Input    Input
	Layout   keyboard.Layout // host keyboard layout the capture was typed under
	CapsLock bool
	Tracks   [3]Track
	Card     *card.Card // nil when no track held card data
	Findings []Finding  // sorted: fail, warn, info; then by track
	Fault    Fault
	// Timing is the keystroke timing of a keyboard capture (nil otherwise).
	Timing *keyboard.Timing
	// Reader holds what the reader said about itself and the swipe: a HID
	// report, an encrypting reader's keyboard record, a reader-writer's
	// answer (nil when the input says nothing of the reader).
	Reader *ReaderInfo
	// Audio is the signal quality of an audio swipe (nil otherwise).
	Audio *audio.Quality
	// Stripe is the stripe quality of an audio swipe (nil otherwise).
	Stripe *StripeQuality
	// Setup is what reader text shows of the reader's set-up (nil for
	// other inputs).
	Setup *Setup
	// Terminal is what the POS terminal said, when the report was Told;
	// untold is then the report as the swipe alone gave it.
	Terminal TerminalSaid
	untold   *Report
}

// Setup is what reader text shows of the reader's set-up: the strings it
// sends before and after the tracks, and the key that ends its swipes.
type Setup struct {
	Prefix, Suffix string // as they came; a View shows them only when they cannot be card data
	// Terminator is the key that ended a keyboard capture: "\r", "\n",
	// "\t", or "" when a pause ended it. Keys reports whether it is known
	// (a keyboard capture, not a paste).
	Terminator string
	Keys       bool
}

// ReaderInfo is what a reader reports beside the tracks: a HID report, an
// encrypting reader's keyboard record or a reader-writer's answers. Only
// facts the input carries are set.
type ReaderInfo struct {
	Vendor    string `json:"vendor"`
	Model     string `json:"model"`
	Format    string `json:"format"`
	Encrypted bool   `json:"encrypted"`
	Serial    string `json:"serial,omitempty"`   // the reader's serial number
	Firmware  string `json:"firmware,omitempty"` // the reader's firmware or software version
	// KSN is the DUKPT key serial number in hex, as the reader sent it;
	// Counter is its transaction counter (the low 21 bits), set only with
	// a KSN.
	KSN     string `json:"ksn,omitempty"`
	Counter int    `json:"dukpt_counter,omitempty"`
	// KeyState is what the record says of the reader's keys, without them.
	KeyState KeyState `json:"key_state,omitempty"`
	// Evidence is what else the reader said (status bytes, lengths, how
	// a record was typed), for the report: messages a View words in its
	// language (ReaderView). Flags are the problems it flagged (MagnePrint
	// "too noisy", "too fast" …), each of which becomes a reader_status
	// finding.
	Evidence []message.Message `json:"-"`
	Flags    []string          `json:"flags,omitempty"`
	// keyEvidence is the fact KeyState rests on (setKeys).
	keyEvidence message.Message
}

// KeyState is what an encrypting reader's output says about its keys.
type KeyState string

// Key states. A production key is the only one a host can use; the others
// are causes of "not authenticated" that no card can fix.
const (
	KeyUnknown     KeyState = ""             // the input says nothing of keys
	KeyProduction  KeyState = "production"   // a key that is not a published test key
	KeyTest        KeyState = "test"         // a published test or demo key (test_key)
	KeyExhausted   KeyState = "exhausted"    // DUKPT keys used up (keys_exhausted)
	KeyNotInjected KeyState = "not_injected" // an encrypting model without a key (key_not_injected)
)

// Fault is the part of the chain most likely at fault.
type Fault string

// The parts a verdict can name.
const (
	FaultNone   Fault = "none"   // the swipe read cleanly and the card looks valid
	FaultCard   Fault = "card"   // the card (stripe damage, expired, wrong kind of card)
	FaultReader Fault = "reader" // the reader hardware (head) or the way the card was swiped
	FaultSetup  Fault = "setup"  // the reader's or host's configuration (layout, Caps Lock, tracks, prefix)
	FaultHost   Fault = "host"   // the POS host, acquirer or issuer: cannot be seen offline
	// The payment company's rule for this merchant account (magstripe card
	// verification, its limits, the cards it takes): no fault of the card,
	// the reader or the host.
	FaultProvider Fault = "provider"
	FaultInput    Fault = "input" // what was given is not a swipe at all
)
