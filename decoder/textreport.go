package decoder

import (
	"strconv"
	"strings"

	"magcheck/message"
)

// Text is the view as a plain-text report to hand on, in the view's
// language and with the same words the page shows.
func (v View) Text() string {
	l := message.Lang(v.Lang)
	var b strings.Builder
	line := func(parts ...string) { writeLine(&b, parts) }
	label := func(k message.Key) string { return l.Text(k) + ": " }
	line(l.Text(message.ReportTitle))
	line(strings.Repeat("=", 40))
	line(label(message.VerdictLabel), v.Verdict)
	if v.TerminalSaidText != "" {
		line(label(message.TerminalSaidLabel), v.TerminalSaidText)
	}
	line(label(message.InputLabel), v.InputText, "    ", label(message.LayoutLabel), v.LayoutText)
	if t := v.Timing; t != nil {
		line(label(message.Keystrokes), l.Format(message.TimingLine, t.Keys, t.CharsPerSecond, t.MedianGapMS, t.MaxGapMS))
	}
	if a := v.Audio; a != nil {
		signal := l.Format(message.SignalLine, a.SpeedIPS, a.SpeedVariation*100, a.SNRdB, a.Peak*100, a.SamplesPerHalfCell, a.Polarity)
		if a.Clipped {
			signal += l.Text(message.ListSeparator) + l.Text(message.Clipped)
		}
		line(label(message.SignalLabel), signal)
		if q := a.Quality; q != nil {
			line(label(message.StripeQualityLabel), l.Text(message.StripeQualityUnknownTrack), l.Text(message.ListSeparator), q.Text(l))
		}
	}
	line()
	line(l.Text(message.TracksLabel))
	for _, t := range v.Tracks {
		line("  ", l.Format(message.TrackN, t.Number), ": ", t.StatusText)
		if t.Text != "" {
			line("    ", t.Text)
		}
		for _, e := range t.Errors {
			line("    ! ", e)
		}
		if q := t.Quality; q != nil {
			line("    ", label(message.StripeQualityLabel), q.Text(l))
		}
	}
	if c := v.Card; c != nil {
		line()
		line(l.Text(message.CardLabel))
		line("  ", label(message.KindLabel), c.KindText, "    ", label(message.BrandLabel), c.BrandText)
		if c.PAN != "" {
			line("  ", label(message.PANLabel), c.PAN, " (", strconv.Itoa(c.PANLength), ")    ", c.LuhnText)
		}
		if strings.TrimSpace(c.Name) != "" {
			line("  ", label(message.NameLabel), c.Name)
		}
		switch {
		case c.ExpiryText != "":
			line("  ", label(message.ExpiryLabel), c.ExpiryText)
		case c.Expiry != "":
			line("  ", label(message.ExpiryLabel), c.Expiry)
		}
		if c.ServiceCode != "" {
			line("  ", label(message.ServiceCodeLabel), c.ServiceCode, " — ", c.ServiceCodeText)
		}
	}
	if len(v.ReaderFacts) > 0 {
		line()
		line(l.Text(message.ReaderLabel))
		for _, f := range v.ReaderFacts {
			line("  ", f.Label, ": ", f.Value)
		}
	}
	line()
	line(l.Text(message.FindingsLabel))
	if len(v.Findings) == 0 {
		line("  ", l.Text(message.NoFindings))
	}
	for _, f := range v.Findings {
		where := ""
		if f.Track > 0 {
			where = " (" + l.Format(message.TrackN, f.Track) + ")"
		}
		line("  [", f.SeverityText, "] ", f.Code, where, ": ", f.Message)
		if f.Evidence != "" {
			line("      ", label(message.EvidenceLabel), f.Evidence)
		}
		line("      ", label(message.ActionLabel), f.Action)
	}
	line()
	if v.revealed() {
		line(l.Text(message.RevealedNote))
	} else {
		line(l.Text(message.MaskedNote))
	}
	return b.String()
}

// writeLine writes parts and a new line. It stays out of line: inlined at
// each of Text's calls it made the page's WebAssembly 26 KB larger.
//
//go:noinline
func writeLine(b *strings.Builder, parts []string) {
	for _, p := range parts {
		b.WriteString(p)
	}
	b.WriteByte('\n')
}

// revealed reports whether the view carries clear card data.
func (v View) revealed() bool {
	if v.Card != nil && v.Card.PAN != "" && !strings.ContainsRune(v.Card.PAN, maskRune) && !v.Card.ReaderMasked {
		return len(v.Card.PAN) > 4
	}
	return false
}

// Text says what the summary means, with the counts, in language l.
func (s Summary) Text(l message.Lang) string {
	parts := []string{l.Format(message.SessionCounts,
		l.Plural(s.Swipes, message.SwipesOne, message.SwipesMany),
		l.Plural(s.Cards, message.CardsOne, message.CardsMany), s.Failed)}
	if s.Dropped > 0 {
		parts = append(parts, l.Format(message.SessionDropped, s.Dropped))
	}
	switch s.Fault {
	case FaultCard:
		parts = append(parts, l.Format(message.SessionCardFault, l.Plural(s.GoodCards, message.OtherCardsOne, message.OtherCardsMany)))
	case FaultReader, FaultSetup:
		switch {
		case s.Refused != "":
			parts = append(parts, l.Format(message.SessionRefused, Finding{Code: s.Refused}.words(l).Title, s.Swipes))
		case s.Fault == FaultReader:
			parts = append(parts, l.Format(message.SessionReaderFault, s.Track, s.TrackFailures[s.Track-1], s.Swipes))
		default:
			parts = append(parts, l.Format(message.SessionSetupFault, s.Track))
		}
	case FaultNone:
		parts = append(parts, l.Text(message.SessionClean))
	default:
		parts = append(parts, l.Text(message.SessionUnknown))
	}
	text := parts[0]
	for _, p := range parts[1:] {
		text = l.Format(message.Sentences, text, p)
	}
	return text
}
