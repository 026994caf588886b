// Package hexdigit reads and writes hex digits: the one place for every
// package that checks a record typed in hex or shows bytes, status words
// and USB IDs in hex. Written hex is upper case, as readers' manuals and
// the page show it. It imports nothing, so the decoder's format packages
// may use it as webhid, the page and the command do.
package hexdigit

const upper = "0123456789ABCDEF"

// Value is the value of the hex digit c (either case), or -1. It stays out
// of line: inlined in every parser's loops it made the page's WebAssembly
// larger.
//
//go:noinline
func Value(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}

// Bytes is b in upper-case hex, two digits a byte, with sep between bytes
// unless sep is 0: "02 1F" or "021F". Bytes, Uint and USBID stay out of
// line, as Value does.
//
//go:noinline
func Bytes(b []byte, sep byte) string {
	step := 2
	if sep != 0 {
		step = 3
	}
	out := make([]byte, max(step*len(b)-step+2, 0))
	for i, c := range b {
		j := step * i
		out[j], out[j+1] = upper[c>>4], upper[c&15]
		if j+2 < len(out) {
			out[j+2] = sep
		}
	}
	return string(out)
}

// Uint is the n low hex digits of v, upper case: Uint(0x1F, 4) is "001F".
//
//go:noinline
func Uint(v uint64, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = upper[v&15]
		v >>= 4
	}
	return string(b)
}

// USBID is a USB device's vendor and product IDs as the page shows them:
// "0801:0011".
//
//go:noinline
func USBID(vendor, product uint16) string {
	return Uint(uint64(vendor), 4) + ":" + Uint(uint64(product), 4)
}
