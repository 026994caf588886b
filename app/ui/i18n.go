package ui

import (
	"math"
	"strconv"
	"strings"

	"magcheck/decoder"
)

// labels are the page's own words in one language. Everything about a
// swipe (verdict, findings, service code in words) comes translated from
// the decoder; this table holds only the page's furniture.
type labels struct {
	Title, Tagline                             string
	Ready, Reading                             string
	OfflineReady, OfflinePreparing, OfflineOff string
	LangName                                   string
	Privacy                                    string

	Verdict, NoSwipe                                  string
	Card, Kind, Brand, PAN, Name, Expiry, ServiceCode string
	LuhnOK, LuhnBad, ReaderMasked                     string
	LicenceState, LicenceNumber, BirthDate, Address   string
	Stripe, Tracks, Track                             string
	Status                                            words[string]
	Findings, NoFindings, Cause, Action               string
	Severity                                          words[string]
	Keystrokes, Keys, Duration, Rate, MedianGap       string
	MaxGap, Stalls, Layout, CapsLockOn                string
	FieldNames, Kinds, Brands                         words[string]

	Reveal, Hide, RevealNote                     string
	Clear, SaveText, SaveJSON, Print, AutoClear  string
	Paste, PasteHint, Decode, PasteError         string
	Session, Swipes, Cards, Unidentified, Failed string
	Dropped                                      string
	BootFailed, UpdateReady, UpdateReload        string
}

var labelsEN = labels{
	Title:            "magcheck",
	Tagline:          "Magnetic-stripe card and reader test",
	Ready:            "Swipe a card through the reader. No need to tap anything first.",
	Reading:          "Reading the swipe…",
	OfflineReady:     "Works offline",
	OfflinePreparing: "Preparing offline use…",
	OfflineOff:       "Online only",
	LangName:         "English",
	Privacy:          "Card data stays on this device: nothing is sent or stored.",

	Verdict:       "Verdict",
	NoSwipe:       "No swipe yet.",
	Card:          "Card",
	Kind:          "Kind",
	Brand:         "Brand",
	PAN:           "Card number",
	Name:          "Name",
	Expiry:        "Expiry",
	ServiceCode:   "Service code",
	LuhnOK:        "check digit OK",
	LuhnBad:       "check digit wrong",
	ReaderMasked:  "masked by the reader",
	LicenceState:  "Issuing state",
	LicenceNumber: "Licence number",
	BirthDate:     "Date of birth",
	Address:       "Address",
	Stripe:        "Stripe",
	Tracks:        "Tracks",
	Track:         "Track",
	Status: words[string]{
		{"ok", "read"}, {"error", "reader error"}, {"absent", "absent"}, {"malformed", "malformed"},
	},
	Findings:   "Findings",
	NoFindings: "Nothing to report.",
	Cause:      "Cause",
	Action:     "What to do",
	Severity: words[string]{
		{"fail", "Fail"}, {"warn", "Warning"}, {"info", "Note"},
	},
	Keystrokes: "Keystrokes",
	Keys:       "Keys",
	Duration:   "Duration",
	Rate:       "Rate",
	MedianGap:  "Median gap",
	MaxGap:     "Longest gap",
	Stalls:     "Stalls",
	Layout:     "Keyboard layout",
	CapsLockOn: "Caps Lock on",
	FieldNames: words[string]{
		{"format_code", "format"}, {"pan", "number"}, {"name", "name"}, {"country_code", "country"},
		{"expiry", "expiry"}, {"service_code", "service"}, {"discretionary", "discretionary"}, {"raw", "data"},
		{"state", "state"}, {"city", "city"}, {"address", "address"}, {"iin", "IIN"},
		{"license_number", "licence no."}, {"license_overflow", "licence no."}, {"birth_date", "birth date"},
		{"postal_code", "postal code"}, {"class", "class"}, {"restrictions", "restrictions"},
		{"endorsements", "endorsements"}, {"sex", "sex"}, {"height", "height"}, {"weight", "weight"},
		{"hair", "hair"}, {"eyes", "eyes"},
	},
	Kinds: words[string]{
		{"payment", "payment card"}, {"aamva", "driver's licence / ID"}, {"gift", "gift or loyalty card"},
		{"private", "private card (ID, access)"}, {"test", "test card"}, {"unknown", "unknown"},
	},
	Brands: brandsEN,

	Reveal:       "Show number and name",
	Hide:         "Hide now",
	RevealNote:   "Shown for %d seconds, then hidden again.",
	Clear:        "Clear",
	SaveText:     "Save text",
	SaveJSON:     "Save JSON",
	Print:        "Print",
	AutoClear:    "Everything is cleared after %d minutes without use.",
	Paste:        "Paste a capture",
	PasteHint:    "Reader output from a POS log or text editor, EMV tag 57 in hex, or a raw bit stream (0s and 1s)",
	Decode:       "Decode",
	PasteError:   "Could not decode the paste",
	Session:      "This visit",
	Swipes:       "Swipes",
	Cards:        "Cards",
	Unidentified: "Unidentified",
	Failed:       "failed",
	Dropped:      "Oldest dropped",
	BootFailed:   "magcheck could not start: its program (app.wasm) did not load. Reload the page. If it keeps failing, use a current Chrome, Edge or Firefox, and ask whoever installed magcheck to check the server.",
	UpdateReady:  "A new version of magcheck is ready. Reloading clears the result on screen.",
	UpdateReload: "Reload",
}

var labelsZH = labels{
	Title:            "magcheck",
	Tagline:          "磁条卡与读卡器测试",
	Ready:            "请在读卡器上刷卡，无需先点击任何地方。",
	Reading:          "正在读取刷卡数据…",
	OfflineReady:     "可离线使用",
	OfflinePreparing: "正在准备离线使用…",
	OfflineOff:       "仅在线",
	LangName:         "中文",
	Privacy:          "卡数据只留在本设备上：不发送，也不保存。",

	Verdict:       "结论",
	NoSwipe:       "尚未刷卡。",
	Card:          "卡片",
	Kind:          "类型",
	Brand:         "品牌",
	PAN:           "卡号",
	Name:          "姓名",
	Expiry:        "有效期",
	ServiceCode:   "服务代码",
	LuhnOK:        "校验位正确",
	LuhnBad:       "校验位错误",
	ReaderMasked:  "已被读卡器屏蔽",
	LicenceState:  "签发州",
	LicenceNumber: "驾照号码",
	BirthDate:     "出生日期",
	Address:       "地址",
	Stripe:        "磁条",
	Tracks:        "磁道",
	Track:         "磁道",
	Status: words[string]{
		{"ok", "已读取"}, {"error", "读卡器报错"}, {"absent", "无数据"}, {"malformed", "格式错误"},
	},
	Findings:   "检查结果",
	NoFindings: "没有问题。",
	Cause:      "原因",
	Action:     "处理方法",
	Severity: words[string]{
		{"fail", "失败"}, {"warn", "警告"}, {"info", "提示"},
	},
	Keystrokes: "按键",
	Keys:       "按键数",
	Duration:   "用时",
	Rate:       "速率",
	MedianGap:  "间隔中位数",
	MaxGap:     "最长间隔",
	Stalls:     "停顿",
	Layout:     "键盘布局",
	CapsLockOn: "大写锁定已开启",
	FieldNames: words[string]{
		{"format_code", "格式"}, {"pan", "卡号"}, {"name", "姓名"}, {"country_code", "国家"},
		{"expiry", "有效期"}, {"service_code", "服务代码"}, {"discretionary", "自定义数据"}, {"raw", "数据"},
		{"state", "州"}, {"city", "城市"}, {"address", "地址"}, {"iin", "IIN"},
		{"license_number", "驾照号"}, {"license_overflow", "驾照号"}, {"birth_date", "出生日期"},
		{"postal_code", "邮编"}, {"class", "类别"}, {"restrictions", "限制"},
		{"endorsements", "附加"}, {"sex", "性别"}, {"height", "身高"}, {"weight", "体重"},
		{"hair", "发色"}, {"eyes", "眼睛"},
	},
	Kinds: words[string]{
		{"payment", "银行卡"}, {"aamva", "驾照 / 身份证"}, {"gift", "礼品卡或会员卡"},
		{"private", "专用卡（证件、门禁）"}, {"test", "测试卡"}, {"unknown", "未知"},
	},
	Brands: brandsZH,

	Reveal:       "显示卡号和姓名",
	Hide:         "立即隐藏",
	RevealNote:   "显示 %d 秒后自动隐藏。",
	Clear:        "清除",
	SaveText:     "保存文本",
	SaveJSON:     "保存 JSON",
	Print:        "打印",
	AutoClear:    "%d 分钟无操作后自动清除全部内容。",
	Paste:        "粘贴采集数据",
	PasteHint:    "来自 POS 日志或文本编辑器的读卡器输出、十六进制的 EMV 标签 57，或原始位流（0 和 1）",
	Decode:       "解码",
	PasteError:   "无法解码粘贴的内容",
	Session:      "本次检测",
	Swipes:       "刷卡次数",
	Cards:        "卡数",
	Unidentified: "无法识别",
	Failed:       "失败",
	Dropped:      "最早的已丢弃",
	BootFailed:   "magcheck 无法启动：程序文件（app.wasm）未能加载。请重新加载页面。如果仍然失败，请使用新版 Chrome、Edge 或 Firefox，并请安装 magcheck 的人检查服务器。",
	UpdateReady:  "magcheck 新版本已就绪。重新加载会清除屏幕上的结果。",
	UpdateReload: "重新加载",
}

// brandsEN are the card brands as their owners write them.
var brandsEN = words[string]{
	{"visa", "Visa"}, {"mastercard", "Mastercard"}, {"amex", "American Express"},
	{"discover", "Discover"}, {"jcb", "JCB"}, {"diners", "Diners Club"}, {"unionpay", "UnionPay"},
	{"maestro", "Maestro"}, {"mir", "Mir"}, {"rupay", "RuPay"}, {"troy", "Troy"}, {"elo", "Elo"},
	{"hipercard", "Hipercard"}, {"dankort", "Dankort"}, {"uatp", "UATP"}, {"verve", "Verve"},
	{"unknown", "Unknown"},
}

// brandsZH are the brands with a Chinese name; the others keep their own.
var brandsZH = words[string]{{"unionpay", "银联"}, {"unknown", "未知"}}

// brand names a card brand in the page's language.
func (l *labels) brand(k string) string {
	if v, ok := l.Brands.find(k); ok {
		return v
	}
	return brandsEN.or(k)
}

// labelsFor returns the page's words in l.
func labelsFor(l decoder.Lang) *labels {
	if l == decoder.Chinese {
		return &labelsZH
	}
	return &labelsEN
}

// count puts n in place of the %d in a label.
func count(format string, n float64) string {
	return strings.Replace(format, "%d", strconv.Itoa(int(math.Ceil(n))), 1)
}

// words is a small table of labels. It is a slice, not a map, so that it
// is data in the binary rather than code that fills a map at start-up: the
// page's WebAssembly size has a budget.
type words[K ~string] []struct {
	k K
	v string
}

// find looks k up.
func (w words[K]) find(k K) (string, bool) {
	for _, e := range w {
		if e.k == k {
			return e.v, true
		}
	}
	return "", false
}

// get gives k's label, or "".
func (w words[K]) get(k K) string {
	v, _ := w.find(k)
	return v
}

// or gives k's label, or k itself for a value the table does not know
// (a new decoder status still shows).
func (w words[K]) or(k K) string {
	if v, ok := w.find(k); ok {
		return v
	}
	return string(k)
}
