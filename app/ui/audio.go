package ui

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/wav"
	"magcheck/decoder/iso7811"
)

// AudioPanel decodes swipes from sound: an audio-jack reader or a read
// head on the microphone input, captured live, or a WAV or MP3 recording
// opened or dropped here. Each swipe's Report goes to OnReport; the panel
// draws the last swipe's waveform. The samples of that swipe (which
// encode card data) stay in memory only, until the next swipe, Stop or a
// new Generation.
type AudioPanel struct {
	app.Compo

	Lang     decoder.Lang
	OnReport func(ctx app.Context, r *decoder.Report)
	// Generation is bumped by the page when it clears: the panel then drops
	// the waveform.
	Generation int

	gen   int
	mic   *microphone // the live capture, nil when not listening
	err   *audioError // the last failure, shown until the next attempt
	notes []string    // what the last swipe or the silence says: audioNote codes
	wave  *waveform   // the last swipe, drawn
}

// Codes of the panel's messages (data-audio-error, data-audio-note).
const (
	errNoAudio = "unsupported" // no getUserMedia or AudioWorklet (or not a secure context)
	errDenied  = "denied"      // NotAllowedError, SecurityError
	errNoMic   = "nomic"       // NotFoundError, OverconstrainedError
	errBusy    = "busy"        // NotReadableError, AbortError
	errLost    = "lost"        // the track ended while listening: unplugged, taken, permission revoked
	errFile    = "file"        // a file that is not a readable recording
	errTooLong = "toolong"     // a recording beyond audio.MaxSeconds, or a file beyond audio.MaxFileSize
	errOther   = "other"

	noteSilence = "silence" // no signal for silenceSeconds
	noteClipped = "clipped"
	noteRate    = "rate"    // too few samples per half bit cell
	noteNoSwipe = "noswipe" // sound, but no swipe in it
)

// audioError is a failure of the microphone or of a file.
type audioError struct {
	code   string
	detail string // the browser's or decoder's words, for support
}

// OnUpdate drops the waveform when the page has cleared.
func (a *AudioPanel) OnUpdate(app.Context) {
	if a.Generation != a.gen {
		a.gen, a.wave, a.notes = a.Generation, nil, nil
	}
}

// OnDismount stops the microphone.
func (a *AudioPanel) OnDismount() { a.stop() }

func (a *AudioPanel) stop() {
	if a.mic != nil {
		a.mic.close()
		a.mic = nil
	}
}

// toggle starts or stops listening. getUserMedia starts in the click's
// turn, where the browser may ask for permission.
func (a *AudioPanel) toggle(ctx app.Context, _ app.Event) {
	if a.mic != nil {
		a.stop()
		return
	}
	a.err, a.notes = nil, nil
	md := app.Window().Get("navigator").Get("mediaDevices")
	if !md.Truthy() || !md.Get("getUserMedia").Truthy() || !app.Window().Get("AudioWorkletNode").Truthy() {
		a.err = &audioError{code: errNoAudio}
		return
	}
	p := md.Call("getUserMedia", map[string]any{"audio": map[string]any{
		"echoCancellation": false, "noiseSuppression": false, "autoGainControl": false,
		"channelCount": 1, "sampleRate": map[string]any{"ideal": 192000},
	}})
	ctx.Async(func() {
		var m *microphone
		m, err := openMicrophone(p, func(block []float32) {
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
				a.err = err
				return
			}
			a.mic = m
		})
	})
}

// heard takes one block of live samples and decodes a swipe that ended.
func (a *AudioPanel) heard(ctx app.Context, block []float32) {
	m := a.mic
	if m == nil {
		return
	}
	rec, silent := m.cut.Add(block)
	if silent && !a.has(noteSilence) {
		a.notes = append(a.notes, noteSilence)
	}
	if rec != nil {
		a.decode(ctx, audio.Samples{Rate: m.cut.Rate(), Data: rec})
	}
}

func (a *AudioPanel) has(note string) bool {
	for _, n := range a.notes {
		if n == note {
			return true
		}
	}
	return false
}

// decode decodes a recording, hands on a report for each swipe and draws
// the last one.
func (a *AudioPanel) decode(ctx app.Context, s audio.Samples) {
	a.notes = nil
	swipes := decoder.DecodeAudio(s, decoder.Options{})
	if len(swipes) == 0 {
		a.notes, a.wave = []string{noteNoSwipe}, nil
		return
	}
	for _, sw := range swipes {
		if a.OnReport != nil {
			a.OnReport(ctx, sw.Report)
		}
	}
	last := swipes[len(swipes)-1].Swipe
	q := last.Quality
	if q.Clipped {
		a.notes = append(a.notes, noteClipped)
	}
	if q.Undersampled() {
		a.notes = append(a.notes, noteRate)
	}
	a.wave = drawSwipe(s, last)
}

// chooseFile decodes a file picked in the file input.
func (a *AudioPanel) chooseFile(ctx app.Context, e app.Event) {
	target := e.Get("target")
	a.readFile(ctx, target.Get("files"))
	target.Set("value", "") // the same file may be chosen again
}

// drop decodes a file dropped on the panel.
func (a *AudioPanel) drop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	a.readFile(ctx, e.Get("dataTransfer").Get("files"))
}

func (a *AudioPanel) readFile(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	a.err, a.notes = nil, nil
	if size := f.Get("size").Int(); size > audio.MaxFileSize {
		a.err = &audioError{code: errTooLong, detail: "larger than " + strconv.Itoa(audio.MaxFileSize>>20) + " MiB"}
		return
	}
	p := f.Call("arrayBuffer")
	ctx.Async(func() {
		buf, err := micAwait(p)
		var data []byte
		if err == nil {
			data = make([]byte, buf.Get("byteLength").Int())
			app.CopyBytesToGo(data, app.Window().Get("Uint8Array").New(buf))
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				a.err = &audioError{code: errFile, detail: err.detail}
				return
			}
			s, err := wavOrBrowser(data, buf)
			if err != nil && !(errors.Is(err, wav.ErrTruncated) && len(s.Data) > 0) {
				a.err, a.wave = fileError(err), nil
				return
			}
			a.decode(ctx, s)
		})
	})
}

// browserDecodeRate is the rate the browser resamples a compressed
// recording to: above every MP3 rate, so nothing is lost.
const browserDecodeRate = 48000

// wavOrBrowser reads a WAV file in Go, at its own sample rate, and leaves
// MP3 (and any other compressed format) to the browser's decoder, which
// keeps an MP3 decoder out of the page's WebAssembly. buf is the file's
// ArrayBuffer; data its bytes in Go.
func wavOrBrowser(data []byte, buf app.Value) (audio.Samples, error) {
	if wav.HasHeader(data) {
		s, _, err := wav.Decode(bytes.NewReader(data))
		return s, err
	}
	oac := app.Window().Get("OfflineAudioContext")
	if !oac.Truthy() {
		return audio.Samples{}, errors.New("this browser cannot decode compressed audio: use a WAV file")
	}
	decoded, aerr := micAwait(oac.New(1, 1, browserDecodeRate).Call("decodeAudioData", buf))
	if aerr != nil {
		return audio.Samples{}, errors.New("not a WAV or MP3 file (" + aerr.detail + ")")
	}
	n, channels := decoded.Get("length").Int(), decoded.Get("numberOfChannels").Int()
	if n > audio.MaxFrames(browserDecodeRate) {
		return audio.Samples{}, audio.ErrTooLong
	}
	s := audio.Samples{Rate: decoded.Get("sampleRate").Int(), Data: make([]float32, n)}
	raw := make([]byte, 4*n)
	u8 := app.Window().Get("Uint8Array")
	for c := 0; c < channels; c++ {
		ch := decoded.Call("getChannelData", c)
		app.CopyBytesToGo(raw, u8.New(ch.Get("buffer"), ch.Get("byteOffset"), ch.Get("byteLength")))
		for i := range s.Data {
			s.Data[i] += math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])) / float32(channels)
		}
	}
	return s, nil
}

// fileError says why a recording could not be decoded: too long for the
// decoder's limits, or not a readable WAV or MP3.
func fileError(err error) *audioError {
	code := errFile
	if errors.Is(err, audio.ErrTooLong) {
		code = errTooLong
	}
	return &audioError{code: code, detail: err.Error()}
}

// microphone is a live capture: the stream and its track, the audio graph
// and the handlers of the worklet's messages and of the track's end.
type microphone struct {
	stream, track, context, node app.Value
	onBlock, onEnded             app.Func
	cut                          *audio.Cutter
}

// openMicrophone waits for getUserMedia's promise and connects the stream
// to the capture worklet, at the device's own sample rate. ended runs when
// the browser ends the track by itself: the device was unplugged or taken
// by another program, or the permission was revoked. The page's own stop
// does not fire it.
func openMicrophone(p app.Value, block func([]float32), ended func()) (*microphone, *audioError) {
	stream, err := micAwait(p)
	if err != nil {
		return nil, err
	}
	m := &microphone{stream: stream, track: stream.Call("getAudioTracks").Index(0)}
	m.onEnded = app.FuncOf(func(app.Value, []app.Value) any {
		ended()
		return nil
	})
	m.track.Call("addEventListener", "ended", m.onEnded)
	rate := m.track.Call("getSettings").Get("sampleRate")
	ac := app.Window().Get("AudioContext")
	if rate.Truthy() {
		m.context = ac.New(map[string]any{"sampleRate": rate.Int()})
	} else {
		m.context = ac.New()
	}
	if _, err := micAwait(m.context.Get("audioWorklet").Call("addModule", "/web/audio-capture.js")); err != nil {
		m.close()
		return nil, err
	}
	m.node = app.Window().Get("AudioWorkletNode").New(m.context, "magcheck-capture",
		map[string]any{"numberOfInputs": 1, "numberOfOutputs": 0})
	m.cut = audio.NewCutter(m.context.Get("sampleRate").Int())
	m.onBlock = app.FuncOf(func(_ app.Value, args []app.Value) any {
		block(floats(args[0].Get("data")))
		return nil
	})
	m.node.Get("port").Set("onmessage", m.onBlock)
	m.context.Call("createMediaStreamSource", stream).Call("connect", m.node)
	m.context.Call("resume")
	return m, nil
}

// close stops the tracks (the browser's recording indicator goes off) and
// the audio graph.
func (m *microphone) close() {
	if m.node != nil && m.node.Truthy() {
		m.node.Get("port").Set("onmessage", app.Null())
		m.node.Call("disconnect")
	}
	if m.onBlock != nil {
		m.onBlock.Release()
	}
	m.track.Call("removeEventListener", "ended", m.onEnded)
	m.onEnded.Release()
	tracks := m.stream.Call("getTracks")
	for i := range tracks.Length() {
		tracks.Index(i).Call("stop")
	}
	if m.context != nil && m.context.Truthy() {
		m.context.Call("close")
	}
}

// floats copies a Float32Array into Go.
func floats(f app.Value) []float32 {
	n := f.Get("length").Int()
	b := make([]byte, 4*n)
	app.CopyBytesToGo(b, app.Window().Get("Uint8Array").New(f.Get("buffer"), f.Get("byteOffset"), 4*n))
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// micAwait waits for a promise of the audio APIs, turning a rejection into
// an audioError named after the DOMException ("NotAllowedError: …").
func micAwait(p app.Value) (app.Value, *audioError) {
	if !p.Truthy() {
		return nil, &audioError{code: errNoAudio}
	}
	v, err := await(p)
	if err == nil {
		return v, nil
	}
	code := errOther
	switch name, _, _ := strings.Cut(err.Error(), ":"); name {
	case "NotAllowedError", "SecurityError":
		code = errDenied
	case "NotFoundError", "OverconstrainedError":
		code = errNoMic
	case "NotReadableError", "AbortError":
		code = errBusy
	}
	return nil, &audioError{code: code, detail: err.Error()}
}

// waveform is one swipe drawn in SVG user units: the signal in a
// waveWidth×waveHeight box, the speed in a waveWidth×speedHeight box.
type waveform struct {
	rate, samples int
	line          string // polyline points of the signal's min and max per column
	peaks         string // path of a tick at each detected pulse
	failed        string // path of the shaded regions where bits failed
	speed         string // polyline points of the speed along the swipe
	quality       audio.Quality
}

const (
	waveWidth   = 1000
	waveHeight  = 200
	speedHeight = 60
)

// drawSwipe draws sw, a swipe of s.
func drawSwipe(s audio.Samples, sw audio.Swipe) *waveform {
	data := s.Data[sw.Start:sw.End]
	w := &waveform{rate: s.Rate, samples: len(data), quality: sw.Quality}
	if len(data) == 0 {
		return w
	}
	var peak float32
	for _, x := range data {
		peak = max(peak, x, -x)
	}
	scale := float64(waveHeight/2-4) / float64(max(peak, 1e-6))
	cols := min(waveWidth/2, len(data))
	var b strings.Builder
	for c := range cols {
		lo, hi := float32(0), float32(0)
		for _, x := range data[c*len(data)/cols : (c+1)*len(data)/cols] {
			lo, hi = min(lo, x), max(hi, x)
		}
		x := strconv.Itoa(c * waveWidth / cols)
		b.WriteString(x + "," + yAt(hi, scale) + " " + x + "," + yAt(lo, scale) + " ")
	}
	w.line = strings.TrimSpace(b.String())
	xOf := func(i int) string {
		return strconv.FormatFloat(float64(i-sw.Start)*waveWidth/float64(len(data)), 'f', 1, 64)
	}
	b.Reset()
	for _, p := range sw.Quality.Peaks {
		if p >= sw.Start && p < sw.End {
			b.WriteString("M" + xOf(p) + " 0v12")
		}
	}
	w.peaks = b.String()
	// A bit is one pulse (0) or two (1): count pulses to place failed bits.
	b.Reset()
	failed, pulse := sw.Quality.FailedBits, 0
	for i, bit := range sw.Bits {
		if len(failed) > 0 && failed[0] == i {
			failed = failed[1:]
			from, to := pulse, min(pulse+3, len(sw.Quality.Peaks)-1)
			if from < to {
				b.WriteString("M" + xOf(sw.Quality.Peaks[from]) + " 0H" + xOf(sw.Quality.Peaks[to]) + "V" + strconv.Itoa(waveHeight) + "H" + xOf(sw.Quality.Peaks[from]) + "Z")
			}
		}
		pulse += 1 + int(bit)
	}
	w.failed = b.String()
	w.speed = speedLine(sw.Quality.Periods)
	return w
}

func yAt(x float32, scale float64) string {
	return strconv.FormatFloat(waveHeight/2-float64(x)*scale, 'f', 1, 64)
}

// speedLine draws the speed, the inverse of the bit period, from its
// lowest value at the bottom to its highest at the top.
func speedLine(periods []float64) string {
	if len(periods) < 2 {
		return ""
	}
	speeds := make([]float64, len(periods))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range periods {
		speeds[i] = 1 / max(p, 1e-9)
		lo, hi = min(lo, speeds[i]), max(hi, speeds[i])
	}
	span := max(hi-lo, hi*0.05) // a steady swipe is a flat line, not noise blown up
	var b strings.Builder
	for i, v := range speeds {
		x := float64(i) * waveWidth / float64(len(speeds)-1)
		y := speedHeight - 4 - (v-lo)/span*(speedHeight-8)
		b.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64) + " ")
	}
	return strings.TrimSpace(b.String())
}

// Render shows the buttons, the messages and the last swipe's drawing.
func (a *AudioPanel) Render() app.UI {
	l := audioLabelsFor(a.Lang)
	state := "idle"
	switch {
	case a.mic != nil:
		state = "listening"
	case a.err != nil:
		state = "error"
	}
	button := l.listen
	if a.mic != nil {
		button = l.stop
	}
	return app.Section().ID("audio").Class("panel", "audio").DataSet("audio-state", state).
		OnDragOver(func(_ app.Context, e app.Event) { e.PreventDefault() }).
		OnDrop(a.drop).
		Body(
			app.H2().Text(l.title),
			app.P().Class("audio-hint").Text(l.hint),
			app.Div().Class("actions").Body(
				app.Button().Type("button").ID("audio-mic").Class("btn").Text(button).OnClick(a.toggle),
				app.Label().For("audio-file").Class("btn", "audio-file-label").Text(l.open),
				app.Input().Type("file").ID("audio-file").Class("visually-hidden").
					Accept(".wav,.mp3,audio/wav,audio/x-wav,audio/mpeg").OnChange(a.chooseFile),
			),
			app.If(a.mic != nil, func() app.UI {
				return app.P().ID("audio-rate").Class("audio-rate").DataSet("rate", a.mic.cut.Rate()).
					Text(l.listening + " " + strconv.Itoa(a.mic.cut.Rate()) + " Hz")
			}),
			app.If(a.err != nil, func() app.UI {
				return app.Div().Class("audio-error").DataSet("audio-error", a.err.code).Role("alert").Body(
					app.P().Text(l.errors.get(a.err.code)),
					app.If(a.err.detail != "", func() app.UI { return app.P().Class("audio-detail").Text(a.err.detail) }),
				)
			}),
			app.Range(a.notes).Slice(func(i int) app.UI {
				return app.P().Class("audio-note").DataSet("audio-note", a.notes[i]).Aria("live", "polite").
					Text(a.noteText(a.notes[i], l))
			}),
			app.If(a.wave != nil, func() app.UI { return a.wave.render(l) }),
		)
}

// noteText says a note in words; the sample-rate note names the rate and
// the track 1 speed it can follow.
func (a *AudioPanel) noteText(note string, l *audioLabels) string {
	if note != noteRate || a.wave == nil {
		return l.notes.get(note)
	}
	w := a.wave
	// Track 1 at the swipe's fastest point.
	bpi := float64(iso7811.TrackDensity(1))
	ips := float64(w.rate) / (2 * bpi * w.quality.SamplesPerHalfCell)
	return strings.NewReplacer(
		"{rate}", strconv.Itoa(w.rate),
		"{ips}", strconv.FormatFloat(ips, 'f', 0, 64),
		"{max}", strconv.FormatFloat(float64(w.rate)/(2*bpi*audio.MinSamplesPerHalfCell), 'f', 0, 64),
	).Replace(l.notes.get(noteRate))
}

func (w *waveform) render(l *audioLabels) app.UI {
	const ns = svgNS
	q := w.quality
	caption := strconv.FormatFloat(float64(w.samples)/float64(w.rate), 'f', 2, 64) + " s, " + strconv.Itoa(w.rate) + " Hz"
	if q.SpeedIPS > 0 {
		caption += ", " + strconv.FormatFloat(q.SpeedIPS, 'f', 1, 64) + " in/s ±" + strconv.FormatFloat(q.SpeedVariation*100, 'f', 0, 64) + " %"
	}
	caption += ", SNR " + strconv.FormatFloat(q.SNRdB, 'f', 0, 64) + " dB, " + strconv.Itoa(len(q.Peaks)) + " " + l.pulses
	return app.Figure().ID("audio-wave").Class("waveform").DataSet("samples", w.samples).Body(
		app.Elem("svg").XMLNS(ns).ID("audio-wave-svg").Class("wave-svg").
			Attr("viewBox", "0 0 "+strconv.Itoa(waveWidth)+" "+strconv.Itoa(waveHeight)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").Aria("label", l.wave).Body(
			app.Elem("path").XMLNS(ns).Class("wave-failed").Attr("d", w.failed),
			app.Elem("line").XMLNS(ns).Class("wave-axis").Attr("x1", 0).Attr("x2", waveWidth).
				Attr("y1", waveHeight/2).Attr("y2", waveHeight/2),
			app.Elem("polyline").XMLNS(ns).Class("wave-line").Attr("points", w.line),
			app.Elem("path").XMLNS(ns).Class("wave-peaks").Attr("d", w.peaks),
		),
		app.If(w.speed != "", func() app.UI {
			return app.Elem("svg").XMLNS(ns).ID("audio-speed-svg").Class("speed-svg").
				Attr("viewBox", "0 0 "+strconv.Itoa(waveWidth)+" "+strconv.Itoa(speedHeight)).
				Attr("preserveAspectRatio", "none").Attr("role", "img").Aria("label", l.speed).Body(
				app.Elem("polyline").XMLNS(ns).Class("speed-line").Attr("points", w.speed),
			)
		}),
		app.FigCaption().Class("wave-caption").Text(caption),
	)
}

// audioLabels are the audio panel's words in one language.
type audioLabels struct {
	title, hint, listen, stop, open, listening string
	wave, speed, pulses                        string
	errors, notes                              words[string]
}

func audioLabelsFor(l decoder.Lang) *audioLabels {
	if l == decoder.Chinese {
		return &audioLabelsZH
	}
	return &audioLabelsEN
}

var audioLabelsEN = audioLabels{
	title:     "Audio reader / microphone",
	hint:      "For audio-jack readers and read heads on a sound input. Or open or drop a WAV or MP3 recording here.",
	listen:    "Listen to an audio reader",
	stop:      "Stop listening",
	open:      "Open a recording",
	listening: "Listening: swipe a card. Sample rate",
	wave:      "Waveform of the last swipe, with the detected pulses and the failed bits shaded",
	speed:     "Swipe speed along the card",
	pulses:    "pulses",
	errors: words[string]{
		{errNoAudio, "This browser cannot capture audio here. Use a current Chrome, Edge or Firefox, and open magcheck over HTTPS or from localhost."},
		{errDenied, "Microphone access was refused. Allow the microphone for this page (the icon in the address bar, or the browser's site settings) and click Listen again."},
		{errNoMic, "No microphone or audio input was found. Plug in the audio-jack reader (or a headset adapter for it), check that the system sees it as an input, and try again."},
		{errBusy, "The microphone is in use or could not be started. Close other programs and tabs that use it, replug the reader, and try again."},
		{errLost, "The microphone was taken away while listening: it was unplugged, another program took it, or its permission was withdrawn. Listening has stopped. Check the reader and the page's microphone permission, then click Listen again."},
		{errFile, "This file could not be read as a WAV or MP3 recording."},
		{errTooLong, "This recording is too long: magcheck reads up to 10 minutes of audio from files up to 100 MiB. Cut out the part with the swipes and open that."},
		{errOther, "The audio input could not be started."},
	},
	notes: words[string]{
		{noteSilence, "No signal from the reader for 10 seconds. Check the plug (a TRRS jack needs a headset input), that this input is the selected one, and its level; then swipe again."},
		{noteClipped, "The signal is clipped: the input level is too high. Lower the input volume in the system's sound settings and swipe again."},
		{noteRate, "The sample rate, {rate} Hz, is too low for track 1 at this speed (about {ips} in/s): half a bit cell needs at least 4 samples, which allows at most {max} in/s. Swipe more slowly, or set the input to 96 kHz or more."},
		{noteNoSwipe, "Sound was heard, but no card pulses in it. Swipe with the stripe against the head, and check the input level."},
	},
}

var audioLabelsZH = audioLabels{
	title:     "音频读卡器 / 麦克风",
	hint:      "用于音频接口读卡器或接在声卡输入上的磁头。也可以在此打开或拖入 WAV 或 MP3 录音。",
	listen:    "监听音频读卡器",
	stop:      "停止监听",
	open:      "打开录音文件",
	listening: "正在监听：请刷卡。采样率",
	wave:      "最后一次刷卡的波形，标出检测到的脉冲，失败的数据位以阴影表示",
	speed:     "沿卡片方向的刷卡速度",
	pulses:    "个脉冲",
	errors: words[string]{
		{errNoAudio, "此浏览器无法在此采集音频。请使用新版 Chrome、Edge 或 Firefox，并通过 HTTPS 或 localhost 打开 magcheck。"},
		{errDenied, "麦克风访问被拒绝。请允许本页使用麦克风（地址栏中的图标或浏览器的网站设置），然后再次点击监听。"},
		{errNoMic, "未找到麦克风或音频输入。请插入音频接口读卡器（或其耳麦转接头），确认系统已识别为输入设备，然后重试。"},
		{errBusy, "麦克风正被占用或无法启动。请关闭使用它的其他程序和标签页，重新插拔读卡器后再试。"},
		{errLost, "监听时麦克风被中断：它被拔出、被其他程序占用，或访问权限被撤销。监听已停止。请检查读卡器和本页的麦克风权限，然后再次点击监听。"},
		{errFile, "无法将此文件读取为 WAV 或 MP3 录音。"},
		{errTooLong, "录音太长：magcheck 最多读取 10 分钟的音频，文件不超过 100 MiB。请剪出包含刷卡的部分再打开。"},
		{errOther, "无法启动音频输入。"},
	},
	notes: words[string]{
		{noteSilence, "10 秒内没有收到读卡器的信号。请检查插头（四段式 TRRS 插头需要耳麦输入）、是否选中了该输入以及输入电平，然后再刷一次。"},
		{noteClipped, "信号削波：输入电平过高。请在系统声音设置中调低输入音量，然后再刷一次。"},
		{noteRate, "采样率 {rate} Hz 对这个速度（约 {ips} 英寸/秒）的磁道 1 来说太低：半个位单元至少需要 4 个采样点，最多只能支持 {max} 英寸/秒。请放慢刷卡速度，或将输入设为 96 kHz 或更高。"},
		{noteNoSwipe, "听到了声音，但其中没有磁卡脉冲。请让磁条贴紧磁头刷卡，并检查输入电平。"},
	},
}
