package iso7811

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// orient returns a copy of bits reversed and/or inverted.
func orient(bits []byte, rev, inv bool) []byte {
	out := slices.Clone(bits)
	if rev {
		slices.Reverse(out)
	}
	if inv {
		for i := range out {
			out[i] ^= 1
		}
	}
	return out
}

// given maps index i of a stream of n bits to its index after reversal.
func given(i, n int, rev bool) int {
	if rev {
		return n - 1 - i
	}
	return i
}

// The raw-stream vectors of internal/testvectors: rs-raw-track2-inverted and
// rs-raw-all-zeros.
const (
	rsRawTrack2Inverted = "bytes=[255,255,255,151,222,246,253,190,141,247,7,127,255,255,255,255,192];bits=130"
	rsRawAllZeros       = "bytes=[0,0,0,0,0,0];bits=48"
)

func TestDecodeVectors(t *testing.T) {
	bits, err := ParseBits(rsRawTrack2Inverted)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(bits)
	want := &Result{Format: Numeric, Text: ";0004048712?", LRC: '8', LRCFound: true, LRCOK: true, Inverted: true, StartBit: 25}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("rs-raw-track2-inverted: Decode = %+v, %v; want %+v", got, err, want)
	}
	if lrc, _ := LRC(want.Text, Numeric); lrc != '8' {
		t.Errorf("LRC(%q) = %q, want '8'", want.Text, lrc)
	}

	bits, err = ParseBits(rsRawAllZeros)
	if err != nil {
		t.Fatal(err)
	}
	got, err = Decode(bits)
	var de *DecodeError
	if got != nil || !errors.Is(err, ErrNoData) || !errors.As(err, &de) || de.Attempts != 0 {
		t.Errorf("rs-raw-all-zeros: Decode = %+v, %v; want a DecodeError for ErrNoData", got, err)
	}
}

func TestDecodeNoTrack(t *testing.T) {
	alternating := make([]byte, 200)
	for i := range alternating {
		alternating[i] = byte(i & 1)
	}
	tests := []struct {
		name     string
		bits     []byte
		f        Format // 0: Decode
		want     error
		attempts int
	}{
		{"nil", nil, 0, ErrNoData, 0},
		{"one bit", []byte{1}, 0, ErrNoData, 0},
		{"all ones", slices.Repeat([]byte{1}, 100), 0, ErrNoData, 0},
		{"all 0xff", slices.Repeat([]byte{0xff}, 100), Alpha, ErrNoData, 0},
		{"short", []byte{1, 1, 0, 1}, 0, ErrNoStartSentinel, 8},
		{"alternating", alternating, 0, ErrNoStartSentinel, 8},
		{"alternating numeric", alternating, Numeric, ErrNoStartSentinel, 4},
		{"alternating alpha", alternating, Alpha, ErrNoStartSentinel, 4},
	}
	for _, tt := range tests {
		var got *Result
		var err error
		if tt.f == 0 {
			got, err = Decode(tt.bits)
		} else {
			got, err = DecodeFormat(tt.bits, tt.f)
		}
		var de *DecodeError
		if got != nil || !errors.Is(err, tt.want) || !errors.As(err, &de) || de.Attempts != tt.attempts {
			t.Errorf("%s: got %+v, %v; want %v after %d attempts", tt.name, got, err, tt.want, tt.attempts)
		}
	}
}

// TestRoundTrip encodes generated tracks of every length class and decodes
// them in every orientation.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7811, 2))
	for track := 1; track <= 3; track++ {
		f := TrackFormat(track)
		longest := MaxLength(track) - 1 // text length without the LRC
		lengths := []int{2, 3, longest, longest + 10, maxChars}
		for range 20 {
			lengths = append(lengths, 2+r.IntN(longest-1))
		}
		for _, n := range lengths {
			text := genText(r, f, n)
			lrc, _ := LRC(text, f)
			for _, z := range [][2]int{{20, 20}, {0, 0}, {61, 2}, {1, 30}} {
				bits := mustEncode(t, text, f, z[0], z[1])
				for _, o := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
					got, err := Decode(orient(bits, o[0], o[1]))
					want := &Result{Format: f, Text: text, LRC: lrc, LRCFound: true, LRCOK: true,
						Reversed: o[0], Inverted: o[1], StartBit: given(z[0], len(bits), o[0])}
					if err != nil || !reflect.DeepEqual(got, want) {
						t.Fatalf("track %d, zeros %v, reversed/inverted %v: %q decoded as %+v, %v", track, z, o, text, got, err)
					}
				}
				if got, err := DecodeFormat(bits, f); err != nil || got.Text != text || len(got.Errors) != 0 {
					t.Fatalf("DecodeFormat(%v) of %q = %+v, %v", f, text, got, err)
				}
			}
		}
	}
}

// TestSingleFlips flips every bit of the characters after the SS in
// turn and checks the fault is reported where it is. Generated tracks
// have at least 10 characters: a shorter damaged track can lose to a
// chance decode (see Decode).
func TestSingleFlips(t *testing.T) {
	r := rand.New(rand.NewPCG(7811, 3))
	texts := []string{lrcVectors[0].text, lrcVectors[1].text, lrcVectors[2].text}
	for track := 1; track <= 3; track++ {
		f := TrackFormat(track)
		for range 10 {
			texts = append(texts, genText(r, f, 10+r.IntN(MaxLength(track)-10)))
		}
	}
	const lead = 20
	for _, text := range texts {
		f := Numeric
		if text[0] == '%' {
			f = Alpha
		}
		k := f.CharBits()
		n := len(text)
		lrc, _ := LRC(text, f)
		clean := mustEncode(t, text, f, lead, lead)
		for pos := 1; pos <= n; pos++ {
			for b := range k {
				if pos == n-1 && b < k-1 {
					continue // the ES's data bits: the ES is gone (TestBrokenEndSentinel)
				}
				bits := slices.Clone(clean)
				at := lead + pos*k
				bits[at+b] ^= 1
				got, err := Decode(bits)
				if err != nil {
					t.Fatalf("%q bit %d of char %d: %v", text, b, pos, err)
				}
				wantText, wantLRC := text, lrc
				var wantErrs []CharError
				if pos < n {
					if b < k-1 {
						wantText = text[:pos] + string((text[pos]-f.offset())^1<<b+f.offset()) + text[pos+1:]
					}
					wantErrs = append(wantErrs, CharError{pos, at, ParityError})
				} else if b < k-1 {
					wantLRC = (lrc - f.offset()) ^ 1<<b + f.offset()
				}
				lrcBits := withParity(lrc-f.offset(), k) ^ 1<<b
				switch {
				case pos == n && lrcBits == 0:
					wantErrs = append(wantErrs, CharError{n, at, LRCError})
					wantLRC = 0
				case pos == n:
					wantErrs = append(wantErrs, CharError{n, at, ParityError})
					if b < k-1 {
						wantErrs = append(wantErrs, CharError{n, at, LRCError})
					}
				case b < k-1:
					wantErrs = append(wantErrs, CharError{n, lead + n*k, LRCError})
				}
				want := &Result{Format: f, Text: wantText, LRC: wantLRC, LRCFound: wantLRC != 0,
					LRCOK: len(wantErrs) == 1 && pos < n && b == k-1, StartBit: lead, Errors: wantErrs}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%q bit %d of char %d flipped:\n got %+v\nwant %+v", text, b, pos, got, want)
				}
			}
		}
	}
}

// TestBrokenStartSentinel: with the SS damaged the original text must not
// come back as a clean decode.
func TestBrokenStartSentinel(t *testing.T) {
	for _, v := range lrcVectors[:3] {
		k := v.f.CharBits()
		for b := range k {
			bits := mustEncode(t, v.text, v.f, 20, 20)
			bits[20+b] ^= 1
			got, err := Decode(bits)
			if err == nil && got.Text == v.text && len(got.Errors) == 0 {
				t.Errorf("%q with SS bit %d flipped decoded clean", v.text, b)
			}
		}
	}
}

// TestBrokenEndSentinel: with a data bit of the ES flipped the ES is
// gone. The damaged ES and the LRC are read as data, and the zeros after
// them end it: MissingEndSentinel. If the LRC is itself '?', it is read as
// the ES and the LRC is missing.
func TestBrokenEndSentinel(t *testing.T) {
	const lead = 20
	for _, v := range lrcVectors[:3] {
		k := v.f.CharBits()
		n := len(v.text)
		for b := range k - 1 {
			bits := mustEncode(t, v.text, v.f, lead, lead)
			bits[lead+(n-1)*k+b] ^= 1
			got, err := Decode(bits)
			damaged := v.text[:n-1] + string(('?'-v.f.offset())^1<<b+v.f.offset()) + string(v.lrc)
			want := &Result{Format: v.f, Text: damaged, StartBit: lead,
				Errors: []CharError{{n - 1, lead + (n-1)*k, ParityError}, {n + 1, lead + (n+1)*k - 1, MissingEndSentinel}}}
			if v.lrc == '?' {
				want.Errors[1] = CharError{n + 1, lead + (n+1)*k, LRCError}
			}
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%q with ES bit %d flipped:\n got %+v, %v\nwant %+v", v.text, b, got, err, want)
			}
		}
	}
}

func TestTruncated(t *testing.T) {
	for _, v := range lrcVectors[:3] {
		const lead = 20
		k := v.f.CharBits()
		n := len(v.text)
		full := mustEncode(t, v.text, v.f, lead, lead)
		for end := lead + k; end < lead+(n+1)*k; end++ {
			got, err := Decode(full[:end])
			if err != nil {
				t.Fatalf("%q cut at %d: %v", v.text, end, err)
			}
			chars := (end - lead) / k
			var want *Result
			if chars < n {
				// No ES: the characters read so far and MissingEndSentinel.
				want = &Result{Format: v.f, Text: v.text[:chars], StartBit: lead,
					Errors: []CharError{{chars, lead + chars*k - 1, MissingEndSentinel}}}
			} else {
				// ES read, the LRC cut: LRCError on the stream's last bit.
				want = &Result{Format: v.f, Text: v.text, StartBit: lead,
					Errors: []CharError{{n, min(lead+n*k, end-1), LRCError}}}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q cut at %d:\n got %+v\nwant %+v", v.text, end, got, want)
			}
		}
	}
}

func TestDecodeCases(t *testing.T) {
	t2 := lrcVectors[1].text
	t2bits := mustEncode(t, t2, Numeric, 20, 20)
	t3 := lrcVectors[2].text // its LRC is '?'
	t3bits := mustEncode(t, t3, Numeric, 20, 20)
	t1 := lrcVectors[0].text
	t1bits := mustEncode(t, t1, Alpha, 20, 20)

	with := func(bits []byte, edit func([]byte) []byte) []byte { return edit(slices.Clone(bits)) }
	flip := func(bits []byte, i int) []byte { return with(bits, func(b []byte) []byte { b[i] ^= 1; return b }) }
	long := genText(rand.New(rand.NewPCG(1, 1)), Numeric, 300)
	other2Text := ";5555555555554444=30121010000000000000?"
	other2LRC, _ := LRC(other2Text, Numeric)
	other2 := mustEncode(t, other2Text, Numeric, 20, 20)

	tests := []struct {
		name string
		bits []byte
		want *Result
	}{
		{
			"ES parity flipped, LRC '?' read positionally",
			flip(t3bits, 20+len(t3)*5-1),
			&Result{Format: Numeric, Text: t3, LRC: '?', LRCFound: true, LRCOK: true, StartBit: 20,
				Errors: []CharError{{len(t3) - 1, 20 + (len(t3)-1)*5, ParityError}}},
		},
		{
			"LRC missing (zeros where it belongs)",
			with(t2bits, func(b []byte) []byte { clear(b[20+len(t2)*5 : 20+len(t2)*5+5]); return b }),
			&Result{Format: Numeric, Text: t2, StartBit: 20, Errors: []CharError{{len(t2), 20 + len(t2)*5, LRCError}}},
		},
		{
			"noise holding an SS before the clocking zeros",
			append(bitsOf("1101011111000"), t2bits...),
			&Result{Format: Numeric, Text: t2, LRC: '<', LRCFound: true, LRCOK: true, StartBit: 33},
		},
		{
			"stray 1 among the clocking zeros",
			flip(t1bits, 18),
			&Result{Format: Alpha, Text: t1, LRC: 'X', LRCFound: true, LRCOK: true, StartBit: 20},
		},
		{
			// "105" puts 8 zeros and then the SS pattern inside the data.
			"no clocking zeros, SS pattern after 8 zeros in the data",
			mustEncode(t, ";1051050?", Numeric, 0, 0),
			&Result{Format: Numeric, Text: ";1051050?", LRC: '4', LRCFound: true, LRCOK: true},
		},
		{
			"bytes other than 0 and 1 count as 1",
			with(t2bits, func(b []byte) []byte {
				for i := range b {
					b[i] *= byte(1 + i%255)
				}
				return b
			}),
			&Result{Format: Numeric, Text: t2, LRC: '<', LRCFound: true, LRCOK: true, StartBit: 20},
		},
		{
			// Both directions decode clean with equal evidence: forward wins.
			"track 2 forward, another track 2 backward",
			append(slices.Clone(t2bits), orient(other2, true, false)...),
			&Result{Format: Numeric, Text: t2, LRC: '<', LRCFound: true, LRCOK: true, StartBit: 20},
		},
		{
			// Now the forward track has a parity error: the clean one wins.
			"damaged track 2 forward, another track 2 backward",
			append(flip(t2bits, 20+5*3+4), orient(other2, true, false)...),
			&Result{Format: Numeric, Text: other2Text, LRC: other2LRC, LRCFound: true, LRCOK: true, Reversed: true,
				StartBit: len(t2bits) + len(other2) - 1 - 20},
		},
		{
			// Both clean: the longer track has more evidence.
			"track 2 forward, track 1 backward",
			append(slices.Clone(t2bits), orient(t1bits, true, false)...),
			&Result{Format: Alpha, Text: t1, LRC: 'X', LRCFound: true, LRCOK: true, Reversed: true,
				StartBit: len(t2bits) + len(t1bits) - 1 - 20},
		},
		{
			// Found by FuzzRoundTrip: "%\\.RXS?" swiped backwards also reads
			// forward as a clean track, with equal evidence, and forward
			// wins. Backwards, its LRC '1' reads as '%' and '\\' as '?'.
			"ambiguous: a clean track both ways",
			orient(mustEncode(t, "%\\.RXS?", Alpha, 9, 11), true, false),
			&Result{Format: Alpha, Text: "%\\G.FX?", LRC: '1', LRCFound: true, LRCOK: true, StartBit: 11},
		},
		{
			"longer than the character cap",
			mustEncode(t, long, Numeric, 20, 20),
			&Result{Format: Numeric, Text: long[:maxChars], StartBit: 20,
				Errors: []CharError{{maxChars, 20 + maxChars*5 - 1, MissingEndSentinel}}},
		},
	}
	for _, tt := range tests {
		got, err := Decode(tt.bits)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", tt.name, got, err, tt.want)
		}
	}
}

// bitsOf parses a test bit string.
func bitsOf(s string) []byte {
	b, err := ParseBits(s)
	if err != nil {
		panic(err)
	}
	return b
}

// threeTracks returns one full-length stream per track, 30 clocking zeros
// each side.
func threeTracks(tb testing.TB) [3][]byte {
	r := rand.New(rand.NewPCG(7811, 4))
	var out [3][]byte
	for track := 1; track <= 3; track++ {
		f := TrackFormat(track)
		out[track-1] = mustEncode(tb, genText(r, f, MaxLength(track)-1), f, 30, 30)
	}
	return out
}

func BenchmarkDecode(b *testing.B) {
	tracks := threeTracks(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, bits := range tracks {
			if _, err := Decode(bits); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The MetroCard bits that the source's own decoder (dab.py) gave for
// decoder/testdata/real/mta-new-metrocard-ezpay.wav: F2F written, but not
// with ISO 7811 characters.
const metroCardBits = "0011010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000000000110111010111110100111111110000000000000000000000000000000000000000000011111111111111000000000000111000100000010100001000"

// Framed accepts every ISO track, clean, damaged, reversed, inverted or
// without its clocking zeros, and refuses streams of another encoding.
func TestFramed(t *testing.T) {
	bitsOf := func(s string) []byte {
		b, err := ParseBits(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	track2, _ := Encode(";4111111111111111=30121010000000000000?", Numeric, 20, 20)
	track1, _ := Encode("%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?", Alpha, 20, 20)
	flipped := func(b []byte, at ...int) []byte {
		b = slices.Clone(b)
		for _, i := range at {
			b[i] ^= 1
		}
		return b
	}
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 240)
	for i := range random {
		random[i] = byte(rng.IntN(2))
	}
	tests := []struct {
		name string
		bits []byte
		want bool
	}{
		{"track 2", track2, true},
		{"track 1", track1, true},
		{"track 2 reversed", orient(track2, true, false), true},
		{"track 1 inverted", orient(track1, false, true), true},
		{"no clocking zeros", track2[20 : len(track2)-20], true},
		{"two parity errors", flipped(track2, 40, 62), true},
		{"garbage after a good start", append(slices.Clone(track1[:20+7*10]), random[:120]...), true},
		{"MetroCard (dab.py)", bitsOf(metroCardBits), false},
		{"MetroCard reversed", orient(bitsOf(metroCardBits), true, false), false},
		{"random", random, false},
		{"zeros", make([]byte, 64), false},
	}
	for _, tt := range tests {
		if got := Framed(tt.bits); got != tt.want {
			t.Errorf("%s: Framed = %v, want %v", tt.name, got, tt.want)
		}
	}

	// A card's own encoding is what no ISO track explains, nor the part
	// of one whose start was not heard, and there is enough of it.
	tail := func(b []byte, gone float64) []byte { return b[int(gone*float64(len(b))):] }
	for _, tt := range []struct {
		name string
		bits []byte
		want bool
	}{
		{"MetroCard (dab.py)", bitsOf(metroCardBits), true},
		{"MetroCard reversed and inverted", orient(bitsOf(metroCardBits), true, true), true},
		{"random", random, true},
		{"track 2", track2, false},
		{"track 2, its first 30 % gone", tail(track2, 0.3), false},
		{"track 2, its first 60 % gone", tail(track2, 0.6), false},
		{"track 1, its first 40 % gone", tail(track1, 0.4), false},
		{"track 1, its first 70 % gone", tail(track1, 0.7), false},
		{"track 1 reversed, its first half gone", tail(orient(track1, true, false), 0.5), false},
		{"random, too short", random[:90], false},
		{"a blank read", append(make([]byte, 100), 1, 1, 1, 1, 1, 1, 1, 1), false},
	} {
		if got := OwnEncoding(tt.bits); got != tt.want {
			t.Errorf("%s: OwnEncoding = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A short track 1 whose data holds a long run of zeros ('!' then ' ': 12
// zeros) that the bits of a start sentinel follow ("1" + 'B'), read
// without its clocking zeros and after junk: the first start sentinel
// after clocking zeros is the one inside the data, and the track's own is
// not the first one anywhere either. Decode tries every start sentinel
// followed by a character of good parity, and frames the track where it
// starts.
func TestEveryStart(t *testing.T) {
	const text = "%!  B!  B?"
	track, err := Encode(text, Alpha, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Junk before the track that holds a start sentinel followed by a
	// character of bad parity.
	junk := []byte{1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0}
	for _, tt := range []struct {
		name string
		bits []byte
	}{
		{"no clocking zeros", track},
		{"after junk", append(slices.Clone(junk), track...)},
		{"reversed after junk", orient(append(slices.Clone(junk), track...), true, false)},
	} {
		res, err := Decode(tt.bits)
		if err != nil || res.Text != text || len(res.Errors) != 0 {
			t.Errorf("%s: Decode = %+v, %v; want %q clean", tt.name, res, err, text)
		}
	}
}
