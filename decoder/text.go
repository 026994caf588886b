package decoder

import (
	"strconv"
	"strings"
)

// textWords are the plain-text report's own words. A struct, not a map:
// data in the binary, not code that fills a map at start-up.
var textWords = struct {
	title, verdict, input, layout, tracks, track, card, kind, brand, pan, luhn, name, expiry, service, findings, action, evidence, timing, signal, clipped, ok, failed, none, masked, revealed text
}{
	title:    text{"magcheck report", "magcheck 检测报告"},
	verdict:  text{"Verdict", "结论"},
	input:    text{"Input", "输入"},
	layout:   text{"Host keyboard layout", "主机键盘布局"},
	tracks:   text{"Tracks", "磁道"},
	track:    text{"Track", "磁道"},
	card:     text{"Card", "卡片"},
	kind:     text{"Kind", "类型"},
	brand:    text{"Brand", "卡组织"},
	pan:      text{"Card number", "卡号"},
	luhn:     text{"Luhn check", "Luhn 校验"},
	name:     text{"Name", "姓名"},
	expiry:   text{"Expiry", "有效期"},
	service:  text{"Service code", "服务代码"},
	findings: text{"Findings", "检测结果"},
	action:   text{"Action", "处理"},
	evidence: text{"Evidence", "依据"},
	timing:   text{"Keystrokes", "按键"},
	signal:   text{"Signal", "信号"},
	clipped:  text{"clipped", "削波"},
	ok:       text{"ok", "通过"},
	failed:   text{"failed", "未通过"},
	none:     text{"none", "无"},
	masked:   text{"Card data is masked.", "卡片数据已屏蔽。"},
	revealed: text{"Card data is shown in clear: handle this report as card data.", "卡片数据以明文显示：请按持卡人数据妥善处理本报告。"},
}

// valueWords name track statuses and severities in the report.
var valueWords = []struct {
	value string
	text
}{
	{"ok", text{"read", "读取成功"}}, {"error", text{"reader error", "读卡错误"}},
	{"absent", text{"absent", "无数据"}}, {"malformed", text{"malformed", "格式错误"}},
	{"fail", text{"FAIL", "失败"}}, {"warn", text{"WARN", "警告"}}, {"info", text{"INFO", "信息"}},
}

// valueWord names a track status or a severity; a value it does not know
// stands for itself.
func valueWord(s string) text {
	for _, w := range valueWords {
		if w.value == s {
			return w.text
		}
	}
	return text{s, s}
}

// Text is the view as a plain-text report to hand on.
func (v View) Text() string {
	l := Lang(v.Lang)
	w := &textWords
	var b strings.Builder
	line := func(parts ...string) { writeLine(&b, parts) }
	line(w.title.in(l))
	line(strings.Repeat("=", 40))
	line(w.verdict.in(l), ": ", v.Verdict)
	line(w.input.in(l), ": ", v.Input, "    ", w.layout.in(l), ": ", v.Layout)
	if t := v.Timing; t != nil {
		line(w.timing.in(l), ": ", strconv.Itoa(t.Keys), ", ", strconv.FormatFloat(t.CharsPerSecond, 'f', 0, 64),
			" chars/s, median ", strconv.FormatFloat(t.MedianGapMS, 'f', 1, 64), " ms, max ", strconv.FormatFloat(t.MaxGapMS, 'f', 0, 64), " ms")
	}
	if a := v.Audio; a != nil {
		f1 := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
		clip := ""
		if a.Clipped {
			clip = ", " + w.clipped.in(l)
		}
		line(w.signal.in(l), ": ", f1(a.SpeedIPS), " in/s ±", f1(a.SpeedVariation*100), " %, SNR ", f1(a.SNRdB), " dB, peak ",
			f1(a.Peak*100), " %, ", f1(a.SamplesPerHalfCell), " samples per half bit cell, polarity ", strconv.Itoa(a.Polarity), clip)
	}
	line()
	line(w.tracks.in(l))
	for _, t := range v.Tracks {
		line("  ", w.track.in(l), " ", strconv.Itoa(t.Number), ": ", valueWord(t.Status).in(l))
		if t.Text != "" {
			line("    ", t.Text)
		}
		for _, e := range t.Errors {
			line("    ! ", e)
		}
	}
	if c := v.Card; c != nil {
		line()
		line(w.card.in(l))
		line("  ", w.kind.in(l), ": ", c.Kind, "    ", w.brand.in(l), ": ", c.Brand)
		if c.PAN != "" {
			luhn := w.failed.in(l)
			if c.Luhn {
				luhn = w.ok.in(l)
			}
			line("  ", w.pan.in(l), ": ", c.PAN, " (", strconv.Itoa(c.PANLength), ")    ", w.luhn.in(l), ": ", luhn)
		}
		if strings.TrimSpace(c.Name) != "" {
			line("  ", w.name.in(l), ": ", c.Name)
		}
		if c.Expiry != "" {
			line("  ", w.expiry.in(l), ": ", c.Expiry)
		}
		if c.ServiceCode != "" {
			line("  ", w.service.in(l), ": ", c.ServiceCode, " — ", c.ServiceCodeText)
		}
	}
	line()
	line(w.findings.in(l))
	if len(v.Findings) == 0 {
		line("  ", w.none.in(l))
	}
	for _, f := range v.Findings {
		where := ""
		if f.Track > 0 {
			where = " (" + w.track.in(l) + " " + strconv.Itoa(f.Track) + ")"
		}
		line("  [", valueWord(f.Severity).in(l), "] ", f.Code, where, ": ", f.Message)
		if f.Evidence != "" {
			line("      ", w.evidence.in(l), ": ", f.Evidence)
		}
		line("      ", w.action.in(l), ": ", f.Action)
	}
	line()
	if v.revealed() {
		line(w.revealed.in(l))
	} else {
		line(w.masked.in(l))
	}
	return b.String()
}

// writeLine writes parts and a new line. It stays out of line: inlined at
// each of Text's calls it made the page's WebAssembly 26 KB larger.
//
//go:noinline
func writeLine(b *strings.Builder, parts []string) {
	for _, p := range parts {
		b.WriteString(p)
	}
	b.WriteByte('\n')
}

// revealed reports whether the view carries clear card data.
func (v View) revealed() bool {
	if v.Card != nil && v.Card.PAN != "" && !strings.ContainsRune(v.Card.PAN, maskRune) && !v.Card.ReaderMasked {
		return len(v.Card.PAN) > 4
	}
	return false
}
