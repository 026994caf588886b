//go:build js && wasm

package browser

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"syscall/js"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/wav"
	"magcheck/internal/promise"
)

// captureWorklet is the AudioWorklet that hands the microphone's samples to
// Go in blocks of about 20 ms (web/audio-capture.js).
const (
	captureWorklet  = "/web/audio-capture.js"
	captureNodeName = "magcheck-capture"
)

// decodeRate is the rate the browser resamples a compressed recording to:
// above every MP3 rate, so nothing is lost.
const decodeRate = 48000

// revokeAfterMS is how long, in milliseconds, a download's object URL lives: the browser has
// taken the download by then.
const revokeAfterMS = 1000

func global(name string) js.Value { return js.Global().Get(name) }

// MicrophoneRequest is the browser's pending answer to a request for the
// microphone.
type MicrophoneRequest struct{ p js.Value }

// MicrophoneSupported reports why the microphone cannot be captured here:
// nil when getUserMedia and AudioWorklet are there, ErrInsecure when the
// page is not a secure context (both are hidden there), ErrUnsupported
// otherwise. It asks for nothing, so the page can call it on load.
func MicrophoneSupported() error {
	md := global("navigator").Get("mediaDevices")
	if md.Truthy() && md.Get("getUserMedia").Truthy() && global("AudioWorkletNode").Truthy() {
		return nil
	}
	if !global("isSecureContext").Bool() {
		return ErrInsecure
	}
	return ErrUnsupported
}

// RequestMicrophone asks for the microphone, unprocessed (no echo
// cancellation, noise suppression or gain control, which would bend the
// read head's pulses) and at the highest rate the device offers. Call it in
// a click's turn: the browser asks the person only then. Open waits for the
// answer.
func RequestMicrophone() (*MicrophoneRequest, error) {
	if err := MicrophoneSupported(); err != nil {
		return nil, err
	}
	p := global("navigator").Get("mediaDevices").Call("getUserMedia", map[string]any{"audio": map[string]any{
		"echoCancellation": false, "noiseSuppression": false, "autoGainControl": false,
		"channelCount": 1, "sampleRate": map[string]any{"ideal": 192000},
	}})
	return &MicrophoneRequest{p}, nil
}

// Microphone is a live capture: the stream and its track, the audio graph
// and the handlers of the worklet's blocks and of the track's end.
type Microphone struct {
	stream, track, context, node js.Value
	onBlock, onEnded             js.Func
	rate                         int
}

// Open waits for the answer and connects the stream to the capture
// worklet at the device's own rate. block gets each block of samples;
// ended runs when the browser ends the track by itself (the device was
// unplugged or taken by another program, or the permission was revoked),
// not when Close does. A refusal is a *promise.Rejection.
func (r *MicrophoneRequest) Open(ctx context.Context, block func([]float32), ended func()) (*Microphone, error) {
	stream, err := promise.Await(ctx, r.p)
	if err != nil {
		return nil, err
	}
	m := &Microphone{stream: stream, track: stream.Call("getAudioTracks").Index(0)}
	m.onEnded = js.FuncOf(func(js.Value, []js.Value) any {
		ended()
		return nil
	})
	m.track.Call("addEventListener", "ended", m.onEnded)
	ac := global("AudioContext")
	if rate := m.track.Call("getSettings").Get("sampleRate"); rate.Truthy() {
		m.context = ac.New(map[string]any{"sampleRate": rate.Int()})
	} else {
		m.context = ac.New()
	}
	if _, err := promise.Await(ctx, m.context.Get("audioWorklet").Call("addModule", captureWorklet)); err != nil {
		m.Close()
		return nil, err
	}
	m.node = global("AudioWorkletNode").New(m.context, captureNodeName,
		map[string]any{"numberOfInputs": 1, "numberOfOutputs": 0})
	m.rate = m.context.Get("sampleRate").Int()
	m.onBlock = js.FuncOf(func(_ js.Value, args []js.Value) any {
		block(floats(args[0].Get("data")))
		return nil
	})
	m.node.Get("port").Set("onmessage", m.onBlock)
	m.context.Call("createMediaStreamSource", stream).Call("connect", m.node)
	m.context.Call("resume")
	return m, nil
}

// Rate is the capture's sample rate.
func (m *Microphone) Rate() int { return m.rate }

// Close stops the tracks (the browser's recording indicator goes off) and
// the audio graph, and releases the handlers.
func (m *Microphone) Close() {
	if m.node.Truthy() {
		m.node.Get("port").Set("onmessage", js.Null())
		m.node.Call("disconnect")
		m.onBlock.Release()
	}
	m.track.Call("removeEventListener", "ended", m.onEnded)
	m.onEnded.Release()
	tracks := m.stream.Call("getTracks")
	for i := range tracks.Length() {
		tracks.Index(i).Call("stop")
	}
	if m.context.Truthy() {
		m.context.Call("close")
	}
}

// floats copies a Float32Array into Go.
func floats(f js.Value) []float32 {
	n := f.Get("length").Int()
	b := make([]byte, 4*n)
	js.CopyBytesToGo(b, global("Uint8Array").New(f.Get("buffer"), f.Get("byteOffset"), 4*n))
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// File is a file the person chose or dropped.
type File struct{ v js.Value }

// Size is the file's size in bytes.
func (f File) Size() int64 { return int64(f.v.Get("size").Float()) }

// Bytes reads the whole file.
func (f File) Bytes(ctx context.Context) ([]byte, error) {
	buf, err := promise.Await(ctx, f.v.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	data := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(data, global("Uint8Array").New(buf))
	return data, nil
}

// Recording reads the file as a recording: a WAV file in Go, at its own
// sample rate, anything else through the browser's decoder, which keeps an
// MP3 decoder out of the page's WebAssembly. A WAV file cut short gives
// its samples and wav.ErrTruncated.
func (f File) Recording(ctx context.Context) (audio.Samples, error) {
	data, err := f.Bytes(ctx)
	if err != nil {
		return audio.Samples{}, err
	}
	if wav.HasHeader(data) {
		s, _, err := wav.Decode(bytes.NewReader(data))
		return s, err
	}
	oac := global("OfflineAudioContext")
	if !oac.Truthy() {
		return audio.Samples{}, ErrUnsupported
	}
	u8 := global("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	decoded, err := promise.Await(ctx, oac.New(1, 1, decodeRate).Call("decodeAudioData", u8.Get("buffer")))
	if err != nil {
		return audio.Samples{}, err
	}
	n, channels := decoded.Get("length").Int(), decoded.Get("numberOfChannels").Int()
	if n > audio.MaxFrames(decodeRate) {
		return audio.Samples{}, audio.ErrTooLong
	}
	s := audio.Samples{Rate: decoded.Get("sampleRate").Int(), Data: make([]float32, n)}
	for c := range channels {
		for i, x := range floats(decoded.Call("getChannelData", c)) {
			s.Data[i] += x / float32(channels)
		}
	}
	return s, nil
}

// OnFiles calls f with the files chosen in the file input whose id is
// input, or dropped on the element whose id is zone, and returns the
// function that stops listening. The input is emptied after each choice,
// so the same file may be chosen again.
func OnFiles(input, zone string, f func([]File)) (stop func()) {
	doc := global("document")
	in, dz := doc.Call("getElementById", input), doc.Call("getElementById", zone)
	if !in.Truthy() || !dz.Truthy() {
		return func() {}
	}
	files := func(list js.Value) {
		var out []File
		for i := range list.Length() {
			out = append(out, File{list.Index(i)})
		}
		if len(out) > 0 {
			f(out)
		}
	}
	onChange := js.FuncOf(func(js.Value, []js.Value) any {
		files(in.Get("files"))
		in.Set("value", "")
		return nil
	})
	// The browser opens a dropped file itself unless dragover and drop are
	// cancelled, in the events' own turn.
	onDragOver := js.FuncOf(func(_ js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		return nil
	})
	onDrop := js.FuncOf(func(_ js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		if dt := args[0].Get("dataTransfer"); dt.Truthy() {
			files(dt.Get("files"))
		}
		return nil
	})
	in.Call("addEventListener", "change", onChange)
	dz.Call("addEventListener", "dragover", onDragOver)
	dz.Call("addEventListener", "drop", onDrop)
	return func() {
		in.Call("removeEventListener", "change", onChange)
		dz.Call("removeEventListener", "dragover", onDragOver)
		dz.Call("removeEventListener", "drop", onDrop)
		onChange.Release()
		onDragOver.Release()
		onDrop.Release()
	}
}

// ServiceWorker reports whether the browser has service workers and the
// Cache API, and whether a worker controls the page.
func ServiceWorker() (supported, controlling bool) {
	sw := global("navigator").Get("serviceWorker")
	if !sw.Truthy() || !global("caches").Truthy() {
		return false, false
	}
	return true, sw.Get("controller").Truthy()
}

// Cached reports whether url is in the service worker's cache.
func Cached(ctx context.Context, url string) bool {
	r, err := promise.Await(ctx, global("caches").Call("match", url))
	return err == nil && r.Truthy()
}

// CacheNames lists the Cache API's caches, or nil when it cannot.
func CacheNames(ctx context.Context) []string {
	v, err := promise.Await(ctx, global("caches").Call("keys"))
	if err != nil || !v.Truthy() {
		return nil
	}
	names := make([]string, v.Length())
	for i := range names {
		names[i] = v.Index(i).String()
	}
	return names
}

// Download hands body to the browser as a file named name, through an
// object URL revoked once the browser has taken it: no request, no storage.
func Download(name, mime, body string) {
	blob := global("Blob").New([]any{body}, map[string]any{"type": mime})
	url := global("URL").Call("createObjectURL", blob)
	a := global("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		global("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, revokeAfterMS)
}
