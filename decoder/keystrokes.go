// Keystrokes: what a keyboard capture shows of its host (layout, Caps
// Lock, an input method) and of the reader's pace.

package decoder

import (
	"strconv"

	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// keyboardFindings says what a host layout other than US, and Caps Lock,
// did to the capture; evidence is what showed them.
func (d *diagnosis) keyboardFindings(l keyboard.Layout, caps bool, evidence message.Message) {
	if l != "" && l != keyboard.US && !d.has(KeyboardLayoutMismatch) {
		d.add(Finding{Code: KeyboardLayoutMismatch, Evidence: message.New(message.EvidenceHostLayout, keyOf(layoutNames, l), evidence)})
	}
	if caps && !d.has(CapsLock) {
		d.add(Finding{Code: CapsLock, Track: 1, Evidence: message.New(message.EvidenceCaseInverted)})
	}
}

// layoutEvidence words what showed package keyboard the host layout.
func layoutEvidence(e keyboard.Evidence) message.Message {
	var parts []message.Message
	if e.Sentinels != "" {
		parts = append(parts, message.New(message.EvidenceSentinelsAs, e.Sentinels))
	}
	if e.DeadKeys != "" {
		parts = append(parts, message.New(message.EvidenceDeadKeys, e.DeadKeys))
	}
	if e.OutOfSet != [2]int{} {
		parts = append(parts, message.New(message.EvidenceOutOfSet, e.OutOfSet[0], e.OutOfSet[1]))
	}
	if e.CapsLock {
		parts = append(parts, message.New(message.Verbatim, "⇪ a→A"))
	}
	return message.New(message.Verbatim, parts)
}

// timing adds what the keystroke rhythm says.
func (d *diagnosis) timing(sw keyboard.Swipe) {
	t := sw.Rebuilt.Timing
	ev := message.New(message.EvidenceTiming, t.Keys, t.CharsPerSecond, t.MedianGap, t.MaxGap)
	switch {
	case !sw.Reader && t.Keys >= 2 && t.MedianGap > keyboard.ReaderMedianGap:
		d.add(Finding{Code: HumanTyping, Evidence: ev})
	case t.Stalls > 0 || (t.Keys >= 10 && t.CharsPerSecond < slowReaderCPS):
		d.add(Finding{Code: SlowKeystrokes, Evidence: ev})
	}
	if sw.Reader && sw.Rebuilt.Terminator == "" && d.anyTrack() {
		d.add(Finding{Code: NoTerminator, Evidence: message.New(message.EvidenceIdleEnd)})
	}
	if sw.Truncated {
		d.add(Finding{Code: CaptureTruncated, Evidence: message.New(message.EvidenceKeysKept, len(sw.Keys))})
	}
}

// slowReaderCPS is below what even a slowed-down reader types (readers type
// about 100–1000 characters per second).
const slowReaderCPS = 50

// inputMethod says, in one finding, what the host's input method did: the
// full-width characters and punctuation read as ASCII, compositions that
// took the reader's letters, and the characters it typed that stayed,
// where they are. A composed character is placed, not quoted: it stands
// for letters of the card.
func (d *diagnosis) inputMethod() {
	var ev []message.Message
	if n := d.im.FullWidth; n > 0 {
		ev = append(ev, message.New(message.EvidenceFullWidth, n))
	}
	if p := d.im.Punctuation; p != "" {
		ascii, _ := keyboard.Narrow(p)
		ev = append(ev, message.New(message.EvidenceIMEPunctuation, p, ascii))
	}
	if n := d.im.Composed; n > 0 {
		ev = append(ev, message.New(message.EvidenceComposed, n))
	}
	for i, issues := range d.imeAt {
		var composed []int
		for _, is := range issues {
			if keyboard.IsComposed(is.Char) {
				composed = append(composed, is.Pos)
				continue
			}
			ev = append(ev, message.New(message.EvidenceIMEChar, strconv.QuoteRune(is.Char), i+1, is.Pos))
		}
		if len(composed) > 0 {
			ev = append(ev, message.New(message.EvidenceComposedAt, positions(i+1, composed)))
		}
	}
	if len(ev) > 0 {
		d.add(Finding{Code: InputMethodActive, Evidence: message.New(message.Verbatim, ev)})
	}
}
