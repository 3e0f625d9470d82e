// Package sub is a stand-in for the framework's subscription options (oracle only).
package sub

import "net/http"

// HTTPHandler handles a request.
type HTTPHandler func(w http.ResponseWriter, r *http.Request) error

// Subscription is what the options build.
type Subscription struct{ RequiredClaims string }

// Option is one subscription option.
type Option func(s *Subscription)

// RequiredClaims sets the claims a caller must hold.
func RequiredClaims(expr string) Option { return func(s *Subscription) { s.RequiredClaims = expr } }
