package webhid_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
)

// Public vectors (webhid.md §4) and builders for the documented layouts.
// The builders write the offsets from the manuals independently of the
// package's own constants.

// The MagTek test card of MagneSafe V5 manual Appendix D, Example 3 (V1).
const (
	v1Track1 = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?"
	v1Track2 = ";5452300551227189=080432100000007250?"
	v1Track3 = ";5163499080020445=000000000000?"
	// V3: the same card from a keyboard-mode reader (Example 4), which
	// starts track 3 with '+' where the HID report has ';'.
	v3Keyboard = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?;5452300551227189=080432100000007250?+5163499080020445=000000000000?"
)

// v4Hex is the ID TECH original-encryption-format frame (S11 p.39, with the
// transcription artefact removed as webhid.md §4 V4 explains).
const v4Hex = `
027D01003F48236B252A343236362A2A2A2A2A2A2A2A393939395E4255534820
4A522F47454F52474520572E4D525E2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A
2A2A2A2A2A2A2A2A2A2A2A2A2A2A3F2A3B343236362A2A2A2A2A2A2A2A393939
393D2A2A2A2A2A2A2A2A2A2A2A2A2A2A2A3F2A3B333333333333333333333736
3736373630373037303737363736373633333333333333333333373637363736
3037303730373736373637363333333333333333333337363736373630373037
303737363736373633333333333333333333373637363736303730373F32863E
9E3DA28E455B28F7736B77E47A64EDDA3BF03A06E44F31D1818C0BCD7A353FB1
AD70EFD30FFC3DA08A4FBC9372E57E8B40848BAEAA3FE724B3550E2F4B223E6B
F264BEAE9E39142B648CDB51FB8DAF8EA5B63913D29419B67582FCCCE9B37266
0F03668CC453216D9449C6B67EF33418AC88F65E1DB7ED4D10973F99DFC8463F
F6DF113B6226C4898A9D355057ECAF11A5598F02CA3162994901190000000001
399F03`

const (
	v4Track1 = "%*4266********9999^BUSH JR/GEORGE W.MR^*******************************?*"
	v4Track2 = ";4266********9999=***************?*"
	v4Track3 = ";33333333337676760707077676763333333333767676070707767676333333333376767607070776767633333333337676760707?2"
	v4KSN    = "62994901190000000001"
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		panic(err)
	}
	return b
}

// v1Report rebuilds the 856-byte Example 3 report from its sparse listing.
func v1Report(t testing.TB) []byte {
	b := make([]byte, 856)
	copy(b[3:], []byte{0x3C, 0x25, 0x1F, 0x00})
	for _, at := range []int{7, 508} {
		copy(b[at:], v1Track1)
		copy(b[at+112:], v1Track2)
		copy(b[at+224:], v1Track3)
	}
	b[494] = 0x02
	copy(b[505:], []byte{0x3C, 0x25, 0x1F})
	copy(b[852:], []byte{0x3C, 0x25, 0x1F, 0x36})
	const want = "e7530dff079a4ae6a41f4c4f35685575e5d0bc0ce9b5f1fe2beca97a054876c8"
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		t.Fatalf("V1 reconstruction: sha256 %x, want %s", sum, want)
	}
	return b
}

func v4Frame(t testing.TB) []byte {
	b := mustHex(v4Hex)
	const want = "46f98a3b52ac8fc9ae9b082ddcd1d49aadb85c5d24df0218a02160cddfb27ccf"
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want {
		t.Fatalf("V4: sha256 %x, want %s", sum, want)
	}
	return b
}

// tr is one track for the builders: the reader's status byte and its data.
type tr struct {
	status byte
	data   string
}

// report337 builds a SureSwipe / ID TECH "other" report (webhid.md §1.2).
func report337(encode byte, tracks [3]tr) []byte {
	b := make([]byte, 337)
	b[6] = encode
	for i, x := range tracks {
		b[i] = x.status
		b[3+i] = byte(len(x.data))
		copy(b[7+110*i:], x.data)
	}
	return b
}

// v5Report describes a MagneSafe V5 report (webhid.md §1.3).
type v5Report struct {
	size       int // 856 or 887
	encode     byte
	tracks     [3]tr     // the "encrypted" track fields: clear at level 2
	masked     [3]string // masked track fields
	encStatus  uint16
	cardStatus byte
	magnePrint uint32
	serial     string
	ksn        string // hex
	version    string
}

func (v v5Report) bytes() []byte {
	b := make([]byte, v.size)
	b[6] = v.encode
	for i, x := range v.tracks {
		b[i] = x.status
		b[3+i] = byte(len(x.data))
		copy(b[7+112*i:], x.data)
		b[505+i] = byte(len(v.masked[i]))
		copy(b[508+112*i:], v.masked[i])
	}
	b[343] = v.cardStatus
	binary.LittleEndian.PutUint32(b[344:], v.magnePrint)
	copy(b[477:493], v.serial)
	binary.BigEndian.PutUint16(b[493:], v.encStatus)
	copy(b[495:505], mustHex(v.ksn))
	if v.size >= 887 {
		copy(b[859:867], v.version)
	}
	return b
}

// cipher returns n stand-in ciphertext bytes.
func cipher(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + i*37)
	}
	return string(b)
}

// stxFrame wraps ID TECH card data in STX, length, LRC, checksum and ETX.
func stxFrame(card []byte) []byte {
	var lrc, sum byte
	for _, c := range card {
		lrc ^= c
		sum += c
	}
	b := []byte{0x02, byte(len(card)), byte(len(card) >> 8)}
	b = append(b, card...)
	return append(b, lrc, sum, 0x03)
}

// enhancedCard builds enhanced-format card data: header, fields 8 and 9,
// then the given fields in order.
func enhancedCard(encode, status byte, lens [3]int, f8, f9 byte, fields ...string) []byte {
	b := []byte{encode, status, byte(lens[0]), byte(lens[1]), byte(lens[2]), f8, f9}
	for _, f := range fields {
		b = append(b, f...)
	}
	return b
}

// structureReport builds an "ID TECH structure" report with a 512-byte
// output field and a little-endian total output length.
func structureReport(encode byte, status, lens [3]byte, output string) []byte {
	b := make([]byte, 9+512)
	copy(b, status[:])
	copy(b[3:], lens[:])
	b[6] = encode
	binary.LittleEndian.PutUint16(b[7:], uint16(len(output)))
	copy(b[9:], output)
	return b
}

func pad(b []byte, n int) []byte {
	return append(append([]byte(nil), b...), make([]byte, n-len(b))...)
}
