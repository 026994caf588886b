package iso7811_test

import (
	"fmt"
	"slices"

	"magcheck/decoder/iso7811"
)

func ExampleDecode() {
	// A raw head reader's track 2, logged with inverted polarity.
	bits, err := iso7811.ParseBits("bytes=[255,255,255,151,222,246,253,190,141,247,7,127,255,255,255,255,192];bits=130")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := iso7811.Decode(bits)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Format, r.Text, string(r.LRC), r.LRCOK, r.Inverted, len(r.Errors))
	// Output: numeric ;0004048712? 8 true true 0
}

func ExampleDecode_damaged() {
	bits, _ := iso7811.Encode(";4111111111111111=30121010000000000000?", iso7811.Numeric, 20, 20)
	slices.Reverse(bits)            // swiped the other way
	bits[len(bits)-1-(20+3*5)] ^= 1 // one bit of the third character lost
	r, _ := iso7811.Decode(bits)
	fmt.Println(r.Text, r.Reversed)
	for _, e := range r.Errors {
		fmt.Println(e.Kind, "at character", e.Pos)
	}
	// Output:
	// ;4101111111111111=30121010000000000000? true
	// parity at character 3
	// lrc at character 39
}

func ExampleDecode_blank() {
	_, err := iso7811.Decode(make([]byte, 48))
	fmt.Println(err)
	// Output: iso7811: no data in bit stream
}

func ExampleLRC() {
	lrc, _ := iso7811.LRC(";4111111111111111=3012201000000000000?", iso7811.Numeric)
	fmt.Printf("%c\n", lrc)
	// Output: ?
}

func ExampleTrackDensity() {
	// How long one character is on each track: its bits over the density.
	for track := 1; track <= 3; track++ {
		f, bpi := iso7811.TrackFormat(track), iso7811.TrackDensity(track)
		fmt.Printf("track %d: %s, %d bits at %d bpi: %.2f mm\n",
			track, f, f.CharBits(), bpi, float64(f.CharBits())*25.4/float64(bpi))
	}
	// Output:
	// track 1: alpha, 7 bits at 210 bpi: 0.85 mm
	// track 2: numeric, 5 bits at 75 bpi: 1.69 mm
	// track 3: numeric, 5 bits at 210 bpi: 0.60 mm
}
