// Package mp3 reads MPEG-1/2/2.5 Layer III recordings of swipes into
// audio.Samples, mixing stereo to mono.
//
// MP3 is a poor container for head pulses: the encoder keeps what the ear
// hears and smears short pulses, so a swipe that decodes from a WAV file may
// not from the same recording as MP3. It is read because phones often save
// recordings that way.
package mp3

import (
	"errors"
	"fmt"
	"io"
	"strings"

	gomp3 "github.com/hajimehoshi/go-mp3"

	"magcheck/decoder/audio"
)

// A DecodeError reports a stream that is not MP3 or that the MP3 decoder
// could not read.
type DecodeError struct {
	Err error
}

func (e *DecodeError) Error() string { return "mp3: " + strings.TrimPrefix(e.Err.Error(), "mp3: ") }

// Unwrap returns the underlying decoder's error.
func (e *DecodeError) Unwrap() error { return e.Err }

// errMalformed stands for a panic inside the MP3 decoder on damaged input.
var errMalformed = errors.New("malformed stream")

// frameBytes is the size of one decoded frame: 16-bit stereo, little-endian.
const frameBytes = 4

// Decode reads an MP3 stream. It refuses recordings beyond the limits of
// package audio with audio.ErrTooLong: at once if r is an io.Seeker, else
// when the decoded audio reaches the limit.
func Decode(r io.Reader) (s audio.Samples, err error) {
	defer func() {
		if recover() != nil {
			s, err = audio.Samples{}, &DecodeError{Err: errMalformed}
		}
	}()
	// Given a Seeker, the decoder first scans the frame headers for the
	// length, so an overlong file is refused before any decoding.
	d, err := gomp3.NewDecoder(r)
	if err != nil {
		return audio.Samples{}, &DecodeError{Err: err}
	}
	rate := d.SampleRate()
	if rate <= 0 {
		return audio.Samples{}, &DecodeError{Err: fmt.Errorf("sample rate %d", rate)}
	}
	limit := audio.MaxFrames(rate)
	if d.Length()/frameBytes > int64(limit) {
		return audio.Samples{}, audio.ErrTooLong
	}
	var data []float32
	buf := make([]byte, 1<<14)
	have := 0 // bytes of a partial frame kept at the start of buf
	for {
		n, err := d.Read(buf[have:])
		n += have
		whole := n - n%frameBytes
		if len(data)+whole/frameBytes > limit {
			return audio.Samples{}, audio.ErrTooLong
		}
		for i := 0; i < whole; i += frameBytes {
			l := int16(uint16(buf[i]) | uint16(buf[i+1])<<8)
			r := int16(uint16(buf[i+2]) | uint16(buf[i+3])<<8)
			data = append(data, float32(int32(l)+int32(r))/(2<<15))
		}
		have = copy(buf, buf[whole:n])
		if err == io.EOF {
			return audio.Samples{Rate: rate, Data: data}, nil
		}
		if err != nil {
			return audio.Samples{}, &DecodeError{Err: err}
		}
	}
}
