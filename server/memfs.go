package server

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// memFS is a read-only fs.FS of files held in memory, by slash-separated
// name ("style.css", "fonts/a.woff2"). Directories are implied by the names.
// It holds the snapshot of web/ that a Site hashes and serves.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := m[name]; ok {
		return &memFile{memInfo{name: path.Base(name), size: int64(len(b))}, bytes.NewReader(b)}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	var entries []fs.DirEntry
	for n, b := range m {
		rest, ok := strings.CutPrefix(n, prefix)
		if !ok {
			continue
		}
		child, _, isDir := strings.Cut(rest, "/")
		if slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == child }) {
			continue
		}
		info := memInfo{name: child, isDir: isDir}
		if !isDir {
			info.size = int64(len(b))
		}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	if entries == nil && name != "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return &memDir{info: memInfo{name: path.Base(name), isDir: true}, entries: entries}, nil
}

// memInfo describes a file or directory of a memFS.
type memInfo struct {
	name  string
	size  int64
	isDir bool
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.isDir }
func (i memInfo) Sys() any           { return nil }

func (i memInfo) Mode() fs.FileMode {
	if i.isDir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// memFile is an open file of a memFS.
type memFile struct {
	info memInfo
	*bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memDir is an open directory of a memFS.
type memDir struct {
	info    memInfo
	entries []fs.DirEntry // those ReadDir has not returned yet
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Close() error               { return nil }

func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n > 0 && len(d.entries) == 0 {
		return nil, io.EOF
	}
	if n <= 0 || n > len(d.entries) {
		n = len(d.entries)
	}
	entries := d.entries[:n:n]
	d.entries = d.entries[n:]
	return entries, nil
}
