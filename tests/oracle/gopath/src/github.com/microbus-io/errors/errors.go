// Package errors is a stand-in for the framework's errors package (oracle only).
package errors

import "fmt"

// New makes an error; arguments such as a status code are kept in the message.
func New(msg string, args ...any) error { return fmt.Errorf("%s %v", msg, args) }
