package decoder

import (
	"strconv"
	"strings"
)

var labels = map[string]text{
	"title":    {"magcheck report", "magcheck 检测报告"},
	"verdict":  {"Verdict", "结论"},
	"input":    {"Input", "输入"},
	"layout":   {"Host keyboard layout", "主机键盘布局"},
	"tracks":   {"Tracks", "磁道"},
	"track":    {"Track", "磁道"},
	"card":     {"Card", "卡片"},
	"kind":     {"Kind", "类型"},
	"brand":    {"Brand", "卡组织"},
	"pan":      {"Card number", "卡号"},
	"luhn":     {"Luhn check", "Luhn 校验"},
	"name":     {"Name", "姓名"},
	"expiry":   {"Expiry", "有效期"},
	"service":  {"Service code", "服务代码"},
	"findings": {"Findings", "检测结果"},
	"action":   {"Action", "处理"},
	"evidence": {"Evidence", "依据"},
	"timing":   {"Keystrokes", "按键"},
	"signal":   {"Signal", "信号"},
	"clipped":  {"clipped", "削波"},
	"ok":       {"ok", "通过"},
	"failed":   {"failed", "未通过"},
	"none":     {"none", "无"},
	"masked":   {"Card data is masked.", "卡片数据已屏蔽。"},
	"revealed": {"Card data is shown in clear: handle this report as card data.", "卡片数据以明文显示：请按持卡人数据妥善处理本报告。"},
}

var statusWords = map[string]text{
	"ok":        {"read", "读取成功"},
	"error":     {"reader error", "读卡错误"},
	"absent":    {"absent", "无数据"},
	"malformed": {"malformed", "格式错误"},
}

var severityWords = map[string]text{
	"fail": {"FAIL", "失败"},
	"warn": {"WARN", "警告"},
	"info": {"INFO", "信息"},
}

// Text is the view as a plain-text report to hand on.
func (v View) Text() string {
	l := Lang(v.Lang)
	lb := func(k string) string { return labels[k].in(l) }
	var b strings.Builder
	line := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	line(lb("title"))
	line(strings.Repeat("=", 40))
	line(lb("verdict"), ": ", v.Verdict)
	line(lb("input"), ": ", v.Input, "    ", lb("layout"), ": ", v.Layout)
	if t := v.Timing; t != nil {
		line(lb("timing"), ": ", strconv.Itoa(t.Keys), ", ", strconv.FormatFloat(t.CharsPerSecond, 'f', 0, 64),
			" chars/s, median ", strconv.FormatFloat(t.MedianGapMS, 'f', 1, 64), " ms, max ", strconv.FormatFloat(t.MaxGapMS, 'f', 0, 64), " ms")
	}
	if a := v.Audio; a != nil {
		f1 := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
		clip := ""
		if a.Clipped {
			clip = ", " + lb("clipped")
		}
		line(lb("signal"), ": ", f1(a.SpeedIPS), " in/s ±", f1(a.SpeedVariation*100), " %, SNR ", f1(a.SNRdB), " dB, peak ",
			f1(a.Peak*100), " %, ", f1(a.SamplesPerHalfCell), " samples per half bit cell, polarity ", strconv.Itoa(a.Polarity), clip)
	}
	line()
	line(lb("tracks"))
	for _, t := range v.Tracks {
		line("  ", lb("track"), " ", strconv.Itoa(t.Number), ": ", statusWords[t.Status].in(l))
		if t.Text != "" {
			line("    ", t.Text)
		}
		for _, e := range t.Errors {
			line("    ! ", e)
		}
	}
	if c := v.Card; c != nil {
		line()
		line(lb("card"))
		line("  ", lb("kind"), ": ", c.Kind, "    ", lb("brand"), ": ", c.Brand)
		if c.PAN != "" {
			luhn := lb("failed")
			if c.Luhn {
				luhn = lb("ok")
			}
			line("  ", lb("pan"), ": ", c.PAN, " (", strconv.Itoa(c.PANLength), ")    ", lb("luhn"), ": ", luhn)
		}
		if strings.TrimSpace(c.Name) != "" {
			line("  ", lb("name"), ": ", c.Name)
		}
		if c.Expiry != "" {
			line("  ", lb("expiry"), ": ", c.Expiry)
		}
		if c.ServiceCode != "" {
			line("  ", lb("service"), ": ", c.ServiceCode, " — ", c.ServiceCodeText)
		}
	}
	line()
	line(lb("findings"))
	if len(v.Findings) == 0 {
		line("  ", lb("none"))
	}
	for _, f := range v.Findings {
		where := ""
		if f.Track > 0 {
			where = " (" + lb("track") + " " + strconv.Itoa(f.Track) + ")"
		}
		line("  [", severityWords[f.Severity].in(l), "] ", f.Code, where, ": ", f.Message)
		if f.Evidence != "" {
			line("      ", lb("evidence"), ": ", f.Evidence)
		}
		line("      ", lb("action"), ": ", f.Action)
	}
	line()
	if v.revealed() {
		line(lb("revealed"))
	} else {
		line(lb("masked"))
	}
	return b.String()
}

// revealed reports whether the view carries clear card data.
func (v View) revealed() bool {
	if v.Card != nil && v.Card.PAN != "" && !strings.ContainsRune(v.Card.PAN, maskRune) && !v.Card.ReaderMasked {
		return len(v.Card.PAN) > 4
	}
	return false
}
