package ui

import (
	"bytes"
	"encoding/binary"
	htmlpkg "html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/recording"
	"magcheck/decoder/wedge"
	"magcheck/message"
	"magcheck/webhid"
)

// Each input limit reaches the person as a message that names it, in both
// languages. (The browser tests check the same on the live page: the 10 MiB
// paste in TestPasteBox, the endless reader and 1,000 swipes in e2e
// hardening_test.go.)

// A paste beyond wedge.MaxCapture shows the decoder's typed error beside
// the box; the result on screen stays.
func TestPasteLimitMessage(t *testing.T) {
	_, err := decoder.DecodeText(strings.Repeat("4", wedge.MaxCapture+1), decoder.Options{})
	if err != wedge.ErrTooLarge {
		t.Fatalf("DecodeText of MaxCapture+1 bytes: %v, want wedge.ErrTooLarge", err)
	}
	for _, tt := range []struct {
		lang        message.Lang
		label, text string
	}{
		{message.English, "Could not decode the paste: ", "The input is larger than 64 KiB: not a reader capture."},
		{message.Chinese, "无法解码粘贴的内容: ", "输入超过 64 KiB：不是读卡器采集的数据。"},
	} {
		pp := &PastePanel{Lang: tt.lang, err: err}
		html := compact(app.HTMLString(pp.Render()))
		// go-app writes attributes in no set order: the tag is found by its class.
		tag, _ := element(html, `class="paste-error"`)
		want := tag + "<strong>" + htmlpkg.EscapeString(tt.label) + "</strong>" + htmlpkg.EscapeString(tt.text) + "</p>"
		if tag == "" || !strings.Contains(html, want) {
			t.Errorf("%s: paste error not shown as %q:\n%s", tt.lang, want, html)
		}
	}
}

// The session keeps SessionSize swipes; the panel says how many older ones
// it dropped, as a count, an attribute and a sentence.
func TestSessionDroppedShown(t *testing.T) {
	r, err := decoder.DecodeText(";4111111111111111=30121010000000000000?", decoder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const extra = 7
	for _, tt := range []struct {
		lang     message.Lang
		sentence string
	}{
		{message.English, "The oldest 7 swipes were dropped to bound memory."},
		{message.Chinese, "为节省内存，已丢弃最早的 7 次记录。"},
	} {
		p := &Page{}
		p.OnInit()
		p.lang = tt.lang
		for range SessionSize + extra {
			p.session.Add(r)
		}
		html := compact(app.HTMLString(p.sessionPanel(tt.lang)))
		for _, want := range []string{
			`data-swipes="` + strconv.Itoa(SessionSize) + `"`,
			`data-dropped="7"`,
			"<dt>" + tt.lang.Text(message.Dropped) + `</dt><dd class="mono">7</dd>`,
			tt.sentence,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: session panel lacks %q:\n%s", tt.lang, want, html)
			}
		}
		p.forget()
		if s := p.session.Summary(); s.Swipes != 0 || s.Dropped != 0 {
			t.Errorf("%s: after clear the session holds %+v", tt.lang, s)
		}
	}
}

// compact drops the line breaks and indentation go-app writes around tags
// and text.
func compact(html string) string {
	return indentation.ReplaceAllString(html, "")
}

var indentation = regexp.MustCompile(`\n\s*`)

// A recording over audio.MaxSeconds, and a file over audio.MaxFileSize,
// say the file is too long rather than unreadable; a file that is no
// recording says that.
func TestAudioFileLimitMessages(t *testing.T) {
	// A WAV header declaring one sample more than the decoder takes.
	var wav bytes.Buffer
	le := func(v any) { _ = binary.Write(&wav, binary.LittleEndian, v) }
	dataSize := uint32(2 * (audio.MaxSamples + 1))
	wav.WriteString("RIFF")
	le(36 + dataSize)
	wav.WriteString("WAVEfmt ")
	le(uint32(16))
	le([]uint16{1, 1})             // PCM, mono
	le([]uint32{48000, 2 * 48000}) // rate, byte rate
	le([]uint16{2, 16})            // block align, bits
	wav.WriteString("data")
	le(dataSize)
	_, tooLong := recording.Read(wav.Bytes())
	_, notAudio := recording.Read([]byte("%B4111111111111111^DOE/JANE^?"))
	for _, tt := range []struct {
		name string
		err  *audioError
		code string
	}{
		{"too long", fileError(tooLong), errTooLong},
		{"not audio", fileError(notAudio), errFile},
	} {
		if tt.err.code != tt.code {
			t.Errorf("%s: code %q (%v), want %q", tt.name, tt.err.code, tt.err.text, tt.code)
		}
	}
	if e := fileError(notAudio); e.text == nil || e.text.In(message.English) != "not a WAV or MP3 file" {
		t.Errorf("not audio: detail %v, want the decoder's words", e.text)
	}
	for _, lang := range []message.Lang{message.English, message.Chinese} {
		msg := audioWord(errTooLong, lang)
		if !strings.Contains(msg, "10") || !strings.Contains(msg, "100 MiB") {
			t.Errorf("%s: too-long message %q does not name the limits", lang, msg)
		}
		a := &AudioPanel{Lang: lang, err: fileError(tooLong)}
		html := app.HTMLString(a.Render())
		if !strings.Contains(html, `data-audio-error="toolong"`) || !strings.Contains(html, htmlpkg.EscapeString(msg)) {
			t.Errorf("%s: too-long recording not explained:\n%s", lang, html)
		}
	}
}

// A HID report larger than its layout is refused with its length and the
// layout's, and shown as hex for support: nothing of it is decoded.
func TestHIDReportSizeMessage(t *testing.T) {
	h := &HIDPanel{Lang: message.English}
	r := &webhid.Reader{Device: webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011}}
	h.received(app.Context{}, r, 0, make([]byte, 64<<10))
	if h.bad == nil {
		t.Fatal("a 64 KiB report was decoded")
	}
	if want := "webhid: report: oversized (65536 bytes, want 887)"; h.bad.why.Error() != want {
		t.Errorf("reason %q, want %q", h.bad.why, want)
	}
	html := app.HTMLString(h.Render())
	if !strings.Contains(html, "cannot decode (65536 bytes)") || !strings.Contains(html, `data-length="65536"`) ||
		!strings.Contains(html, "The report is too long: 65536 bytes where 887 were expected.") {
		t.Errorf("oversized report not explained:\n%s", html)
	}
	// 1024 bytes as "00 " plus the ellipsis, not 64 KiB of hex.
	if got, want := len(h.bad.hex), 1024*3-1+len(" …"); got != want {
		t.Errorf("hex of %d characters, want %d", got, want)
	}
}
