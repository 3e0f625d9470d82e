// Package pub is a stand-in for the framework's request options, written for rootlint's
// differential oracle: only what a call's control flow needs, no transport.
package pub

// Request is what the options build.
type Request struct {
	Method string
	URL    string
	Body   any
}

// Option is one request option.
type Option func(r *Request)

// Method sets the method.
func Method(m string) Option { return func(r *Request) { r.Method = m } }

// URL sets the URL.
func URL(u string) Option { return func(r *Request) { r.URL = u } }

// GET sets the method and the URL.
func GET(u string) Option { return func(r *Request) { r.Method, r.URL = "GET", u } }

// POST sets the method and the URL.
func POST(u string) Option { return func(r *Request) { r.Method, r.URL = "POST", u } }

// Body sets the body.
func Body(b any) Option { return func(r *Request) { r.Body = b } }

// Options applies several options in order.
func Options(opts ...Option) Option {
	return func(r *Request) {
		for _, o := range opts {
			o(r)
		}
	}
}

// RelativeURL resolves a URL against the request's.
func RelativeURL(u string) Option { return func(r *Request) { r.URL += u } }

// Header sets a header.
func Header(name, value string) Option { return func(r *Request) {} }

// Timeout sets the request's timeout.
func Timeout(d int64) Option { return func(r *Request) {} }

// Token sets the actor's token.
func Token(t string) Option { return func(r *Request) {} }

// Response is what a request returns.
type Response struct{ StatusCode int }
