package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// bitRow shows a track read bit by bit (a raw read, a bit stream, a
// recording) as it lies on the stripe: the clocking zeros before it, each
// character over its bits in the order recorded, and the zeros after it. A
// character with a parity or LRC error is marked there, so a misread bit
// shows its place along the stripe. The characters and their bits are
// masked as the track's text is.
//
// A track with its own encoding has no characters: its raw bits are shown,
// as recorded and the other way, masked as card data is until revealed.
func bitRow(t decoder.TrackView, l message.Lang) app.UI {
	b := t.Bits
	if b != nil && b.Raw != "" {
		return app.Elem("dl").Class("bits-raw", "mono").DataSet("total", b.Total).Body(
			app.Elem("dt").Text(l.Format(message.BitsRaw, b.Total)),
			app.Elem("dd").DataSet("way", "recorded").Text(b.Raw),
			app.Elem("dt").Text(l.Text(message.BitsReversed)),
			app.Elem("dd").DataSet("way", "reversed").Text(b.Reversed),
		)
	}
	if b == nil || len(b.Chars) == 0 {
		return nil
	}
	// A reversed read runs down the stream: draw in the order recorded.
	chars := b.Chars
	if chars[0].From > chars[len(chars)-1].From {
		chars = make([]decoder.BitCharView, len(b.Chars))
		for i, c := range b.Chars {
			chars[len(chars)-1-i] = c
		}
	}
	lead, trail := chars[0].From, b.Total-chars[len(chars)-1].To
	zeros := func(n int, where string) app.UI {
		return app.Elem("li").Class("bitzeros").DataSet("zeros", where).Text("0×" + strconv.Itoa(n))
	}
	return app.Elem("ol").Class("bits", "mono").DataSet("total", b.Total).
		Aria("label", l.Format(message.BitsPicture, t.Number)).Body(
		app.If(lead > 0, func() app.UI { return zeros(lead, "lead") }),
		app.Range(chars).Slice(func(i int) app.UI {
			c := chars[i]
			li := app.Elem("li").Class("bitchar").DataSet("from", c.From)
			if c.Error != "" {
				li = li.Class("bit-err").DataSet("error", c.Error).Title(l.Format(message.BitsAt, c.From, c.To-1))
			}
			if c.LRC {
				li = li.Class("bit-lrc")
			}
			return li.Body(
				app.Elem("span").Class("bc-char").Text(c.Char),
				app.Elem("span").Class("bc-bits").Text(c.Bits),
			)
		}),
		app.If(trail > 0, func() app.UI { return zeros(trail, "trail") }),
	)
}
