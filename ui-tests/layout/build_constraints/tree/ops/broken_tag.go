//go:build linux &

package ops

// The constraint above is malformed: the Go tool refuses it, and rootlint says so.
func helper() {}
