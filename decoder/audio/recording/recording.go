// Package recording reads an audio-jack reader's recording, WAV or MP3,
// telling the two apart by their first bytes. It links the MP3 decoder, so
// only the places that read files import it.
package recording

import (
	"bytes"
	"errors"

	"magcheck/decoder/audio"
	"magcheck/decoder/audio/mp3"
	"magcheck/decoder/audio/wav"
)

// ErrFormat is returned for data that is neither WAV nor MP3.
var ErrFormat = errors.New("not a WAV or MP3 file")

// Read decodes a WAV or MP3 file. A WAV file that ends early gives the
// whole samples before the end with wav.ErrTruncated.
func Read(data []byte) (audio.Samples, error) {
	if wav.HasHeader(data) {
		s, _, err := wav.Decode(bytes.NewReader(data))
		return s, err
	}
	if len(data) >= 3 && string(data[:3]) == "ID3" || len(data) >= 2 && data[0] == 0xFF && data[1]&0xE0 == 0xE0 {
		return mp3.Decode(bytes.NewReader(data))
	}
	return audio.Samples{}, ErrFormat
}
