// Package wav reads RIFF/WAVE recordings of swipes into audio.Samples, and
// writes them, as 16-bit PCM, for tests.
//
// Decode reads PCM with 8, 16, 24 or 32 bits per sample and IEEE float with
// 32 or 64, plain or in WAVE_FORMAT_EXTENSIBLE, with one to eight channels,
// which it mixes to mono or of which it picks one. It reads from a stream,
// never seeks, and stops at the data chunk. Recordings beyond the limits of
// package audio are refused with audio.ErrTooLong before anything is
// allocated for them.
package wav

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strconv"

	"magcheck/decoder/audio"
)

// Info describes the file Decode read.
type Info struct {
	Rate     int  // samples per second
	Channels int  // channels in the file
	Bits     int  // bits per sample as stored: 8, 16, 24, 32 or 64
	Float    bool // IEEE float samples, else integer PCM
	Frames   int  // samples per channel read
}

// Options chooses how Decode turns several channels into one.
type Options struct {
	// Channel picks one channel, counting from 0 (left); -1 (or any
	// negative value) mixes all channels with equal weight.
	Channel int
}

// A FormatError reports a file that is not a well-formed WAV file.
type FormatError string

func (e FormatError) Error() string { return "wav: malformed file: " + string(e) }

// An UnsupportedError reports a well-formed WAV file in an encoding, or with
// a layout, that Decode does not read.
type UnsupportedError string

func (e UnsupportedError) Error() string { return "wav: unsupported: " + string(e) }

// ErrTruncated reports a file that ends early. When it ends inside the audio
// data, Decode returns the whole frames before the end with it.
var ErrTruncated = errors.New("wav: file ends early")

// Limits on the format chunk.
const (
	maxChannels = 8
	maxRate     = 1_000_000
	maxFmtLen   = 1 << 10 // bytes of a fmt chunk kept; the rest is skipped
)

// Format codes of the fmt chunk.
const (
	formatPCM        = 1
	formatFloat      = 3
	formatExtensible = 0xFFFE
)

// guidTail is bytes 2–15 of the sub-format GUID of WAVE_FORMAT_EXTENSIBLE;
// bytes 0–1 hold the format code.
const guidTail = "\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"

// HasHeader reports whether b begins as a WAV file does, with "RIFF" or
// "RF64". A reader of files of several kinds can then give WAV to Decode
// and the rest to other decoders; Decode may still refuse the file (an
// RF64 one with an UnsupportedError), and its error then says why.
func HasHeader(b []byte) bool {
	return len(b) >= 4 && (string(b[:4]) == "RIFF" || string(b[:4]) == "RF64")
}

// Decode reads a WAV file, mixing its channels to mono.
func Decode(r io.Reader) (audio.Samples, Info, error) {
	return DecodeOptions(r, Options{Channel: -1})
}

// DecodeOptions reads a WAV file, making one channel as o says.
func DecodeOptions(r io.Reader, o Options) (audio.Samples, Info, error) {
	var info Info
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return audio.Samples{}, info, readErr(err)
	}
	switch string(hdr[:4]) {
	case "RIFF":
	case "RIFX":
		return audio.Samples{}, info, UnsupportedError("big-endian RIFX file")
	case "RF64":
		return audio.Samples{}, info, UnsupportedError("RF64 file")
	default:
		return audio.Samples{}, info, FormatError("no RIFF header")
	}
	if string(hdr[8:]) != "WAVE" {
		return audio.Samples{}, info, FormatError("RIFF file is not WAVE")
	}
	haveFmt := false
	for {
		var ch [8]byte
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			if err == io.EOF {
				return audio.Samples{}, info, FormatError("no data chunk")
			}
			return audio.Samples{}, info, readErr(err)
		}
		id, size := string(ch[:4]), binary.LittleEndian.Uint32(ch[4:])
		switch id {
		case "fmt ":
			if err := readFmt(r, size, &info); err != nil {
				return audio.Samples{}, info, err
			}
			if o.Channel >= info.Channels {
				return audio.Samples{}, info, UnsupportedError("no channel " + strconv.Itoa(o.Channel) +
					" in a " + strconv.Itoa(info.Channels) + "-channel file")
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return audio.Samples{}, info, FormatError("data chunk before fmt chunk")
			}
			s, err := readData(r, size, &info, o.Channel)
			return s, info, err
		default:
			if err := skip(r, int64(size)+int64(size&1)); err != nil {
				return audio.Samples{}, info, err
			}
		}
	}
}

// readErr maps a short read to ErrTruncated.
func readErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return ErrTruncated
	}
	return err
}

func skip(r io.Reader, n int64) error {
	if m, err := io.CopyN(io.Discard, r, n); m < n {
		return readErr(err)
	}
	return nil
}

// readFmt reads a fmt chunk of the given size into info.
func readFmt(r io.Reader, size uint32, info *Info) error {
	if size < 16 {
		return FormatError("fmt chunk too short")
	}
	b := make([]byte, min(size, maxFmtLen))
	if _, err := io.ReadFull(r, b); err != nil {
		return readErr(err)
	}
	if err := skip(r, int64(size)-int64(len(b))+int64(size&1)); err != nil {
		return err
	}
	le := binary.LittleEndian
	format := le.Uint16(b)
	info.Channels = int(le.Uint16(b[2:]))
	info.Rate = int(le.Uint32(b[4:]))
	align := int(le.Uint16(b[12:]))
	info.Bits = int(le.Uint16(b[14:]))
	if format == formatExtensible {
		if len(b) < 40 {
			return FormatError("extensible fmt chunk too short")
		}
		if string(b[26:40]) != guidTail {
			return UnsupportedError("extensible sub-format")
		}
		format = le.Uint16(b[24:])
	}
	switch format {
	case formatPCM:
		if info.Bits != 8 && info.Bits != 16 && info.Bits != 24 && info.Bits != 32 {
			return UnsupportedError(strconv.Itoa(info.Bits) + "-bit PCM")
		}
	case formatFloat:
		info.Float = true
		if info.Bits != 32 && info.Bits != 64 {
			return UnsupportedError(strconv.Itoa(info.Bits) + "-bit float")
		}
	default:
		return UnsupportedError("compressed audio (format code " + strconv.Itoa(int(format)) + ")")
	}
	switch {
	case info.Channels == 0:
		return FormatError("no channels")
	case info.Channels > maxChannels:
		return UnsupportedError(strconv.Itoa(info.Channels) + " channels")
	case info.Rate == 0:
		return FormatError("sample rate 0")
	case info.Rate > maxRate:
		return UnsupportedError("sample rate " + strconv.Itoa(info.Rate))
	case align != info.Channels*info.Bits/8:
		return FormatError("block align does not match channels and bits")
	}
	return nil
}

// streamed is the data size that writers which cannot seek back put in the
// header: read to the end of the file.
const streamed = 0xFFFFFFFF

// readData reads the samples of a data chunk of the given size.
func readData(r io.Reader, size uint32, info *Info, channel int) (audio.Samples, error) {
	frame := info.Channels * info.Bits / 8
	limit := audio.MaxFrames(info.Rate)
	frames := -1 // unknown: read to the end
	if size != streamed {
		if uint64(size)/uint64(frame) > uint64(limit) {
			return audio.Samples{}, audio.ErrTooLong
		}
		frames = int(size / uint32(frame))
	}
	// Allocate for at most a second ahead: the size may be a lie.
	data := make([]float32, 0, min(max(frames, 0), info.Rate))
	conv := converter(info.Bits, info.Float)
	buf := make([]byte, frame*max(1, 1<<16/frame))
	for frames < 0 || len(data) < frames {
		want := len(buf)
		if frames >= 0 {
			want = min(want, (frames-len(data))*frame)
		}
		n, err := io.ReadFull(r, buf[:want])
		n -= n % frame
		if len(data)+n/frame > limit {
			return audio.Samples{}, audio.ErrTooLong
		}
		for f := buf[:n]; len(f) > 0; f = f[frame:] {
			data = append(data, mix(f[:frame], info.Channels, channel, conv))
		}
		if err != nil {
			info.Frames = len(data)
			s := audio.Samples{Rate: info.Rate, Data: data}
			if frames < 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
				return s, nil
			}
			return s, readErr(err)
		}
	}
	info.Frames = len(data)
	return audio.Samples{Rate: info.Rate, Data: data}, nil
}

// mix returns one frame's sample: the chosen channel or, for channel −1,
// the mean of all.
func mix(f []byte, channels, channel int, conv func([]byte) float64) float32 {
	size := len(f) / channels
	if channel >= 0 {
		return clamp(conv(f[channel*size:]))
	}
	sum := 0.0
	for c := range channels {
		sum += clamp64(conv(f[c*size:]))
	}
	return float32(sum / float64(channels))
}

// converter returns the function reading one little-endian sample.
func converter(bits int, float bool) func([]byte) float64 {
	le := binary.LittleEndian
	switch {
	case float && bits == 64:
		return func(b []byte) float64 { return math.Float64frombits(le.Uint64(b)) }
	case float:
		return func(b []byte) float64 { return float64(math.Float32frombits(le.Uint32(b))) }
	case bits == 8:
		return func(b []byte) float64 { return (float64(b[0]) - 128) / 128 }
	case bits == 16:
		return func(b []byte) float64 { return float64(int16(le.Uint16(b))) / (1 << 15) }
	case bits == 24:
		return func(b []byte) float64 {
			return float64(int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24)>>8) / (1 << 23)
		}
	default:
		return func(b []byte) float64 { return float64(int32(le.Uint32(b))) / (1 << 31) }
	}
}

// clamp64 keeps a sample within full scale; float files may exceed it or
// hold NaN or infinities, which become silence.
func clamp64(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return max(-1, min(1, v))
}

func clamp(v float64) float32 { return float32(clamp64(v)) }

// Encode writes s as a mono 16-bit PCM WAV file.
func Encode(w io.Writer, s audio.Samples) error {
	if s.Rate <= 0 || s.Rate > maxRate {
		return UnsupportedError("sample rate " + strconv.Itoa(s.Rate))
	}
	if len(s.Data) > (math.MaxUint32-44)/2 {
		return audio.ErrTooLong
	}
	size := uint32(2 * len(s.Data))
	le := binary.LittleEndian
	h := make([]byte, 0, 44)
	h = append(h, "RIFF"...)
	h = le.AppendUint32(h, 36+size)
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, 16)
	h = le.AppendUint16(h, formatPCM)
	h = le.AppendUint16(h, 1)
	h = le.AppendUint32(h, uint32(s.Rate))
	h = le.AppendUint32(h, uint32(2*s.Rate))
	h = le.AppendUint16(h, 2)
	h = le.AppendUint16(h, 16)
	h = append(h, "data"...)
	h = le.AppendUint32(h, size)
	if _, err := w.Write(h); err != nil {
		return err
	}
	buf := make([]byte, 0, 1<<14)
	for i, v := range s.Data {
		q := math.Round(clamp64(float64(v)) * (1 << 15))
		buf = le.AppendUint16(buf, uint16(int16(max(math.MinInt16, min(math.MaxInt16, q)))))
		if len(buf) == cap(buf) || i == len(s.Data)-1 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}
