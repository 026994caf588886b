package ui

import (
	"errors"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/wav"
	"magcheck/internal/promise"
	"magcheck/message"
)

// AudioPanel decodes swipes from sound: an audio-jack reader or a read
// head on the microphone input, captured live, or a WAV or MP3 recording
// opened or dropped here. Each swipe's Report goes to the page as
// actionReport; the panel draws the last swipe's waveform. The samples of
// that swipe (which encode card data) stay in memory only, until the next
// swipe, Stop or actionClear.
type AudioPanel struct {
	app.Compo

	Lang message.Lang

	noMic     string              // why the microphone cannot be had here (errNoAudio, errInsecure); "" when it can
	mic       *browser.Microphone // the live capture, nil when not listening
	cut       *audio.Cutter       // cuts the live capture into swipes
	err       *audioError         // the last failure, shown until the next attempt
	notes     []string            // what the last swipe or the silence says: note codes
	loudness  float64             // of a recording without swipes: its loudest sound over the noise, dB
	wave      *waveform           // the last swipe, drawn
	stopFiles func()
}

// Codes of the panel's messages (data-audio-error, data-mic-error,
// data-audio-note), and their words.
const (
	errNoAudio  = "unsupported" // no getUserMedia or AudioWorklet
	errInsecure = "insecure"    // not a secure context: the browser hides both
	errDenied   = "denied"      // NotAllowedError, SecurityError
	errNoMic    = "nomic"       // NotFoundError, OverconstrainedError
	errBusy     = "busy"        // NotReadableError, AbortError
	errLost     = "lost"        // the track ended while listening: unplugged, taken, permission revoked
	errFile     = "file"        // a file that is not a readable recording
	errTooLong  = "toolong"     // a recording beyond audio.MaxSeconds, or a file beyond audio.MaxFileSize
	errOther    = "other"

	noteSilence = "silence" // no signal for silenceSeconds
	noteNoSwipe = "noswipe" // sound, but no swipe in it
)

var audioWords = []struct {
	code string
	k    message.Key
}{
	{errNoAudio, message.AudioNoAudio}, {errInsecure, message.AudioInsecure}, {errDenied, message.AudioDenied}, {errNoMic, message.AudioNoMic},
	{errBusy, message.AudioBusy}, {errLost, message.AudioLost}, {errFile, message.AudioFile},
	{errTooLong, message.AudioTooLong}, {errOther, message.AudioOther},
	{noteSilence, message.AudioSilence}, {noteNoSwipe, message.AudioNoSwipe},
}

func audioWord(code string, l message.Lang) string {
	for _, w := range audioWords {
		if w.code == code {
			return l.Text(w.k)
		}
	}
	return code
}

// audioError is a failure of the microphone or of a file: its code, what
// to say (when more precise than the code's words) and the browser's own
// words, for support.
type audioError struct {
	code    string
	text    *message.Message
	browser string
}

// OnMount checks for the microphone, and listens for files chosen or
// dropped, and for the page's Clear. Files are read without the microphone.
func (a *AudioPanel) OnMount(ctx app.Context) {
	ctx.Handle(actionClear, a.forget)
	if err := browser.MicrophoneSupported(); err != nil {
		dispatch(ctx, func(app.Context) { a.noMic = micError(err).code })
	}
	a.stopFiles = browser.OnFiles("audio-file", "audio", func(files []browser.File) {
		ctx.Dispatch(func(ctx app.Context) { a.readFile(ctx, files[0]) })
	})
}

// forget drops the last swipe's waveform (its samples encode card data)
// when the page clears.
func (a *AudioPanel) forget(app.Context, app.Action) { a.wave, a.notes = nil, nil }

// OnDismount stops the microphone and the file listeners.
func (a *AudioPanel) OnDismount() {
	a.stop()
	if a.stopFiles != nil {
		a.stopFiles()
	}
}

func (a *AudioPanel) stop() {
	if a.mic != nil {
		a.mic.Close()
		a.mic, a.cut = nil, nil
	}
}

// toggle starts or stops listening. The request for the microphone starts
// in the click's turn, where the browser may ask for permission.
func (a *AudioPanel) toggle(ctx app.Context, _ app.Event) {
	if a.mic != nil {
		a.stop()
		return
	}
	a.err, a.notes = nil, nil
	req, err := browser.RequestMicrophone()
	if err != nil {
		a.err = micError(err)
		return
	}
	ctx.Async(func() {
		var m *browser.Microphone
		m, err := req.Open(ctx, func(block []float32) {
			ctx.Dispatch(func(ctx app.Context) { a.heard(ctx, block) })
		}, func() {
			ctx.Dispatch(func(app.Context) {
				if a.mic != nil && a.mic == m {
					a.stop()
					a.err = &audioError{code: errLost}
				}
			})
		})
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				a.err = micError(err)
				return
			}
			a.mic, a.cut = m, audio.NewCutter(m.Rate())
		})
	})
}

// micError names why the microphone could not be had: the browser lacks it
// or hides it, or the DOMException it rejected with.
func micError(err error) *audioError {
	r, ok := errors.AsType[*promise.Rejection](err)
	switch {
	case errors.Is(err, browser.ErrInsecure):
		return &audioError{code: errInsecure}
	case !ok:
		return &audioError{code: errNoAudio}
	}
	code := errOther
	switch r.Name {
	case "NotAllowedError", "SecurityError":
		code = errDenied
	case "NotFoundError", "OverconstrainedError":
		code = errNoMic
	case "NotReadableError", "AbortError":
		code = errBusy
	}
	return &audioError{code: code, browser: r.Error()}
}

// heard takes one block of live samples and decodes a swipe that ended.
func (a *AudioPanel) heard(ctx app.Context, block []float32) {
	if a.mic == nil {
		return
	}
	rec, silent := a.cut.Add(block)
	if silent && !slices.Contains(a.notes, noteSilence) {
		a.notes = append(a.notes, noteSilence)
	}
	if rec != nil {
		a.decode(ctx, audio.Samples{Rate: a.cut.Rate(), Data: rec})
	}
}

// decode decodes a recording, posts a report for each swipe and draws the
// last one.
func (a *AudioPanel) decode(ctx app.Context, s audio.Samples) {
	a.notes = nil
	swipes := decoder.DecodeAudio(s, decoder.Options{})
	if len(swipes) == 0 {
		a.notes, a.wave, a.loudness = []string{noteNoSwipe}, nil, audio.Loudness(s)
		return
	}
	for _, sw := range swipes {
		ctx.NewActionWithValue(actionReport, sw.Report)
	}
	last := swipes[len(swipes)-1].Swipe
	// The characters under the bits are masked: the panel has no reveal.
	v := swipes[len(swipes)-1].Report.View(message.English, false)
	bits, q := (*decoder.BitsView)(nil), (*decoder.QualityView)(nil)
	if v.Audio != nil {
		q = v.Audio.Quality // the track is unknown
	}
	for _, t := range v.Tracks {
		if t.Bits != nil || t.Quality != nil {
			bits, q = t.Bits, t.Quality
		}
	}
	a.wave = drawSwipe(s, last, bits, q)
}

// readFile decodes a file chosen or dropped, up to audio.MaxFileSize.
func (a *AudioPanel) readFile(ctx app.Context, f browser.File) {
	a.err, a.notes = nil, nil
	if f.Size() > audio.MaxFileSize {
		a.err = &audioError{code: errTooLong}
		return
	}
	ctx.Async(func() {
		s, err := f.Recording(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil && !(errors.Is(err, wav.ErrTruncated) && len(s.Data) > 0) {
				a.err, a.wave = fileError(err), nil
				return
			}
			a.decode(ctx, s)
		})
	})
}

// fileError says why a recording could not be decoded: too long for the
// decoder's limits, a browser that cannot decode it, or not a readable
// WAV or MP3.
func fileError(err error) *audioError {
	switch r, ok := errors.AsType[*promise.Rejection](err); {
	case errors.Is(err, audio.ErrTooLong):
		return &audioError{code: errTooLong}
	case errors.Is(err, browser.ErrUnsupported):
		return &audioError{code: errFile, text: &message.Message{Key: message.AudioNoDecoder}}
	case ok:
		return &audioError{code: errFile, browser: r.Error()}
	}
	text := decoder.Explain(err)
	return &audioError{code: errFile, text: &text}
}

// Render shows the buttons, the messages and the last swipe's drawing.
// Without the microphone it says why and offers no Listen button; a
// recording can still be opened.
func (a *AudioPanel) Render() app.UI {
	l := a.Lang
	state, mic := "idle", "idle"
	switch {
	case a.mic != nil:
		state, mic = "listening", "listening"
	case a.err != nil:
		state = "error"
	}
	if a.noMic != "" {
		mic = "unsupported"
	}
	button := message.AudioListen
	if a.mic != nil {
		button = message.AudioStop
	}
	return app.Elem("section").ID("audio").Class("panel", "audio").DataSet("audio-state", state).DataSet("mic-state", mic).Body(
		app.Elem("h2").Text(l.Text(message.AudioTitle)),
		app.Elem("p").Class("audio-hint").Text(l.Text(message.AudioHint)),
		app.Elem("div").Class("actions").Body(
			// The button's own slot: go-app matches children by position,
			// and the file input after it, which OnMount listens on, must
			// stay the same element when the button goes.
			app.Elem("span").Class("mic-slot").Body(
				app.If(a.noMic == "", func() app.UI {
					return app.Elem("button").Attr("type", "button").ID("audio-mic").Class("btn").Text(l.Text(button)).OnClick(a.toggle)
				}),
			),
			app.Elem("label").Attr("for", "audio-file").Class("btn", "audio-file-label").Text(l.Text(message.AudioOpen)),
			app.ElemSelfClosing("input").Attr("type", "file").ID("audio-file").Class("visually-hidden").
				Attr("accept", ".wav,.mp3,audio/wav,audio/x-wav,audio/mpeg"),
		),
		app.If(a.noMic != "", func() app.UI {
			return app.Elem("p").ID("audio-mic-unsupported").Class("unsupported").DataSet("mic-error", a.noMic).Text(audioWord(a.noMic, l))
		}),
		app.If(a.mic != nil, func() app.UI {
			return app.Elem("p").ID("audio-rate").Class("audio-rate").DataSet("rate", a.mic.Rate()).
				Text(l.Format(message.AudioListening, a.mic.Rate()))
		}),
		app.If(a.err != nil, func() app.UI { return a.errorBox(l) }),
		app.Range(a.notes).Slice(func(i int) app.UI {
			return app.Elem("p").Class("audio-note").DataSet("audio-note", a.notes[i]).Aria("live", "polite").
				Text(a.noteText(a.notes[i], l))
		}),
		app.If(a.wave != nil, func() app.UI { return a.wave.render(l) }),
	)
}

func (a *AudioPanel) errorBox(l message.Lang) app.UI {
	e := a.err
	return app.Elem("div").Class("audio-error").DataSet("audio-error", e.code).Role("alert").Body(
		app.Elem("p").Text(audioWord(e.code, l)),
		app.If(e.text != nil, func() app.UI { return app.Elem("p").Class("audio-detail").Text(e.text.In(l)) }),
		app.If(e.browser != "", func() app.UI { return browserSaid(e.browser, l).Class("audio-detail") }),
	)
}

// noteText says a note in words; the no-swipe note how loud the loudest
// sound was.
func (a *AudioPanel) noteText(note string, l message.Lang) string {
	if note == noteNoSwipe && a.loudness > 0 {
		return l.Format(message.AudioNoSwipeLevel, a.loudness)
	}
	return audioWord(note, l)
}
