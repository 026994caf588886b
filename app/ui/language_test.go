package ui

import (
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/wav"
	"magcheck/internal/device"
	"magcheck/internal/promise"
	"magcheck/internal/testvectors"
	"magcheck/message"
	"magcheck/message/messagetest"
	"magcheck/msr605"
	"magcheck/webhid"
)

// screen is a rendering of the page or a panel, with the words of the card
// that may show on it as data.
type screen struct {
	name string
	ui   app.UI
	data string
}

// cardData is what a report read from a card, shown as it is once revealed.
func cardData(input string, r *decoder.Report) string {
	data := []string{input}
	if rd := r.Reader; rd != nil {
		data = append(data, rd.Vendor, rd.Model, rd.Format, rd.Serial)
	}
	v := r.View(message.English, true)
	for _, t := range v.Tracks {
		data = append(data, t.Text)
	}
	if c := v.Card; c != nil {
		data = append(data, c.Name)
		if lic := c.Licence; lic != nil {
			data = append(data, lic.State, lic.Name, lic.Address, lic.City)
		}
	}
	return strings.Join(data, "\n")
}

// screens renders the page with every vector's report, revealed and not,
// the session, and the panels in each of their states, in language l.
func screens(t *testing.T, l message.Lang) []screen {
	var out []screen
	s := decoder.NewSession(SessionSize)
	for _, v := range testvectors.All() {
		r, err := decoder.DecodePasted(v.Input, decoder.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		s.Add(r)
		for _, reveal := range []bool{false, true} {
			p := newPage(l, r)
			p.session, p.reveal, p.updated = s, reveal, true
			out = append(out, screen{v.ID, p, cardData(v.Input, r)})
		}
	}
	for _, v := range testvectors.Records() {
		r, err := decoder.DecodePasted(v.Input, decoder.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		p := newPage(l, r)
		p.session, p.updated = s, true
		out = append(out, screen{v.ID, p, cardData(v.Input, r)})
	}
	empty := newPage(l, nil)
	out = append(out, screen{"empty page", empty, ""})
	// What the terminal said: each message chosen before a swipe, and with
	// a swipe it is read against.
	clean, err := decoder.DecodeText(terminalCard, decoder.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range message.Terminals() {
		before := newPage(l, nil)
		before.session.SetTerminalSaid(decoder.TerminalSaid(m.Code))
		out = append(out, screen{"terminal said " + m.Code, before, ""})
		after := newPage(l, clean)
		after.session.SetTerminalSaid(decoder.TerminalSaid(m.Code))
		out = append(out, screen{"terminal said " + m.Code + ", swiped", after, cardData(terminalCard, clean)})
		out = append(out, screen{"terminal row " + m.Code + ", opened", &TerminalRow{Lang: l, Said: m.Code, Swiped: true, open: true}, ""})
	}

	reader := &webhid.Reader{Device: webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011, ProductName: "USB Swipe Reader"}}
	props := &webhid.MagTekProperties{SoftwareID: "21042840G01", SerialNumber: "B0F1234", InterfaceType: 7, TrackIDEnable: 0x10,
		Failed: map[string]error{}}
	_, unsupported := webhid.Supported()
	out = append(out, screen{"hid connected", &HIDPanel{Lang: l, reader: reader, props: props}, "USB Swipe Reader MagTek B0F1234 21042840G01"})
	out = append(out, screen{"hid unsupported", &HIDPanel{Lang: l, unsupported: unsupported}, ""})
	out = append(out, screen{"hid insecure", &HIDPanel{Lang: l, unsupported: &device.Error{Link: device.HID, Code: device.CodeInsecure}}, ""})
	for _, err := range []error{
		&device.Error{Link: device.HID, Code: device.CodeCancelled, Detail: "NotFoundError: No device selected."},
		&device.Error{Link: device.HID, Code: device.CodeUnplugged}, &device.Error{Link: device.HID, Code: device.CodeDenied},
		&device.Error{Link: device.HID, Code: device.CodeOpenFailed}, &device.Error{Link: device.HID, Code: device.CodeFeatureFailed},
	} {
		out = append(out, screen{"hid " + err.Error(), &HIDPanel{Lang: l, err: err}, ""})
	}
	for _, why := range []error{webhid.ErrUnknownDevice, webhid.ErrUnknownReport,
		&webhid.ReportError{Reason: webhid.ReasonBadLRC, Len: 1, Want: 2}} {
		out = append(out, screen{"hid bad report", &HIDPanel{Lang: l, bad: &badReport{n: 3, hex: "00 01 02", why: why}}, ""})
	}

	msrx := &webhid.Reader{Device: webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0003, ProductName: "MSR605X",
		ReportSizes: map[byte]int{0: 64}}}
	msrStates := []*msrState{
		newMSR(msr605.LinkHID, ""),
		{Status: msr605.Status{Device: msr605.Device{Model: "3", Firmware: "REV?2.31"}, State: msr605.StateWaiting, Mode: msr605.ModeISO}, port: "067B:2303"},
		{Status: msr605.Status{Device: msr605.Device{Firmware: "REV?2.31"}, State: msr605.StateWaiting, Mode: msr605.ModeRaw}},
		{Status: msr605.Status{State: msr605.StateStopped, Mode: msr605.ModeISO, Err: &device.Error{Link: device.Serial, Code: device.CodeNoSwipe}}},
		{Status: msr605.Status{State: msr605.StateWaiting, Mode: msr605.ModeISO, Err: &device.Error{Link: device.Serial, Code: device.CodeNoAnswer}}},
		{Status: msr605.Status{State: msr605.StateWaiting, Mode: msr605.ModeRaw},
			bad: &badReport{n: 3, hex: "1B 73 1B", why: &msr605.Error{Reason: msr605.ReasonTruncated, Offset: 3}}},
		{Status: msr605.Status{State: msr605.StateWaiting, Mode: msr605.ModeISO}, bad: &badReport{n: 0, why: &webhid.ReportError{Reason: webhid.ReasonPacketOrder}}},
		{Status: msr605.Status{State: msr605.StateStopped, Err: &device.Error{Link: device.HID, Code: device.CodeUnplugged}}},
	}
	for i, m := range msrStates {
		name := "msr state " + strconv.Itoa(i)
		out = append(out, screen{"hid " + name, &HIDPanel{Lang: l, reader: msrx, msr: m}, "MSR605X REV?2.31"})
		out = append(out, screen{"serial " + name, &SerialPanel{Lang: l, port: &msr605.Port{VendorID: 0x067B, ProductID: 0x2303}, msr: m}, "REV?2.31 067B:2303"})
	}
	_, noSerial := msr605.SerialSupported()
	out = append(out, screen{"serial unsupported", &SerialPanel{Lang: l, unsupported: noSerial}, ""})
	out = append(out, screen{"serial idle", &SerialPanel{Lang: l}, ""})
	for _, code := range []device.Code{device.CodeNoSerial, device.CodeInsecure, device.CodeCancelled, device.CodeDenied,
		device.CodeOpenFailed, device.CodeUnplugged, device.CodeSendFailed, device.CodeNoAnswer, device.CodeNoSwipe} {
		err := &device.Error{Link: device.Serial, Code: code, Detail: "NetworkError: The device has been lost."}
		out = append(out, screen{"serial " + string(code), &SerialPanel{Lang: l, err: err}, ""})
	}

	for _, e := range []*audioError{
		{code: errNoAudio}, {code: errInsecure}, micError(&promise.Rejection{Name: "NotAllowedError", Message: "Permission denied"}),
		{code: errNoMic}, {code: errBusy}, {code: errLost}, {code: errTooLong}, {code: errOther},
		fileError(wav.FormatError("no data chunk")), fileError(&promise.Rejection{Name: "EncodingError", Message: "Unable to decode audio data"}),
		fileError(browser.ErrUnsupported), fileError(audio.ErrTooLong),
	} {
		out = append(out, screen{"audio " + e.code, &AudioPanel{Lang: l, err: e}, ""})
	}
	for _, code := range []string{errNoAudio, errInsecure} {
		out = append(out, screen{"microphone " + code, &AudioPanel{Lang: l, noMic: code}, ""})
	}
	sw := synthTrack2(t, audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 30})
	swipes := audio.Decode(sw)
	if len(swipes) != 1 {
		t.Fatalf("%d swipes", len(swipes))
	}
	tv := decoder.DecodeAudio(sw, decoder.Options{})[0].Report.View(l, false).Tracks[1]
	wave := drawSwipe(sw, swipes[0], tv.Bits, tv.Quality)
	wave.quality.SamplesPerHalfCell = 2.5
	out = append(out, screen{"audio notes", &AudioPanel{Lang: l, wave: wave,
		notes: []string{noteSilence, noteNoSwipe}}, ""})
	for _, err := range []error{errors.New("x"), func() error {
		_, err := decoder.DecodePasted("bytes=[1,2", decoder.Options{})
		return err
	}()} {
		out = append(out, screen{"paste error", &PastePanel{Lang: l, err: err}, ""})
	}
	return out
}

var (
	// marked matches an element marked with its language, such as the
	// browser's own words, the boot message in each language or a
	// language's name on its button.
	marked = regexp.MustCompile(`(?s)<(span|p|button)[^>]*\slang="([^"]*)"[^>]*>.*?</(?:span|p|button)>`)
	tag    = regexp.MustCompile(`(?s)<[^>]*>`)
	// shown matches the attributes people read: tooltips, labels, hints.
	shown = regexp.MustCompile(`\s(?:aria-label|title|placeholder)="([^"]*)"`)
)

// visible is the text of a rendering a person reads in language l: the
// text between tags and the attributes read out, without the elements
// marked as being in another language.
func visible(ui app.UI, l message.Lang) string {
	h := marked.ReplaceAllStringFunc(app.HTMLString(ui), func(e string) string {
		if marked.FindStringSubmatch(e)[2] == l.Text(message.LangTag) {
			return e
		}
		return ""
	})
	var attrs []string
	for _, m := range shown.FindAllStringSubmatch(h, -1) {
		attrs = append(attrs, m[1])
	}
	return html.UnescapeString(tag.ReplaceAllString(h, "\n") + "\n" + strings.Join(attrs, "\n"))
}

// TestChinesePageHasNoEnglish renders the page and each panel in Chinese
// and finds no English sentence.
func TestChinesePageHasNoEnglish(t *testing.T) {
	for _, s := range screens(t, message.Chinese) {
		text := visible(s.ui, message.Chinese)
		for _, w := range messagetest.PlainWords(s.data) {
			text = regexp.MustCompile(`\b`+regexp.QuoteMeta(w)+`\b`).ReplaceAllString(text, "·")
		}
		if got := messagetest.EnglishSentences(text); len(got) > 0 {
			t.Errorf("%s: English on the Chinese page: %q", s.name, got)
		}
	}
}

// TestPseudoLocalePage renders the page in a language added the way any
// is, one table and one line: every word on it comes from the catalogue,
// so none is plain ASCII but the card's data, the finding codes and the
// products' own names.
func TestPseudoLocalePage(t *testing.T) {
	l := messagetest.RegisterPseudo()
	var allowed []string
	for _, c := range decoder.Codes() {
		allowed = append(allowed, string(c))
	}
	// The terminals' own words are quoted as terminals show them, in every
	// language (message.Terminals).
	for _, m := range message.Terminals() {
		allowed = append(allowed, messagetest.PlainWords(strings.Join(m.Words, " "))...)
	}
	for _, s := range screens(t, l) {
		text := visible(s.ui, l)
		// The page cuts track text into fields, so any part of the card's
		// data may stand alone on it.
		var got []string
		for _, w := range messagetest.PlainWords(text, allowed...) {
			if !strings.Contains(s.data, w) {
				got = append(got, w)
			}
		}
		if len(got) > 0 {
			t.Errorf("%s: words not from the catalogue: %q", s.name, got)
		}
	}
	// The language switch offers it, named in itself.
	if page := app.HTMLString(newPage(l, nil)); !strings.Contains(page, `data-lang="qps"`) {
		t.Error("the language switch does not offer the new language")
	}
}
