package decoder

import (
	"strings"

	"magcheck/decoder/card"
)

// maskRune replaces masked characters on screen and in exports.
const maskRune = card.MaskChar

// MaskedText is Text with its sensitive fields masked: the PAN keeps its
// first six and last four digits, other sensitive fields keep only spaces
// and separators.
func (t Track) MaskedText() string {
	if len(t.Text) <= len("%E?") {
		return t.Text // a reader's error marker, or nothing: no card data
	}
	if len(t.Fields) == 0 {
		return maskUnparsed(t.Text)
	}
	b := []byte(t.Text)
	for _, f := range t.Fields {
		if !f.Sensitive || f.Start < 0 || f.End > len(b) || f.Start >= f.End {
			continue
		}
		if f.Name == "pan" {
			maskPANInPlace(b[f.Start:f.End])
			continue
		}
		for i := f.Start; i < f.End; i++ {
			if c := b[i]; c != ' ' && c != '/' && c != '$' && c != '^' && c != '=' {
				b[i] = maskRune
			}
		}
	}
	return string(b)
}

// maskUnparsed masks a track whose fields could not be located (truncated,
// malformed): without knowing where the PAN and name are, everything but
// the framing characters is hidden until revealed.
func maskUnparsed(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(framing, r) {
			return r
		}
		return maskRune
	}, s)
}

// framing are the characters that structure a track and carry no card data.
const framing = "%;+#!&?^=/$ "

// maskPANInPlace masks the PAN digits of a track span as card.MaskPAN
// does, keeping any spaces a track-1 PAN may carry.
func maskPANInPlace(b []byte) {
	digits := make([]byte, 0, len(b))
	for _, c := range b {
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	masked := card.MaskPAN(string(digits))
	j := 0
	for i, c := range b {
		if c >= '0' && c <= '9' && j < len(masked) {
			b[i] = masked[j]
			j++
		}
	}
}

func maskAll(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' {
			return r
		}
		return maskRune
	}, s)
}
