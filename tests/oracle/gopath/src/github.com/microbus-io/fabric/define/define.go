// Package define is a stand-in for the framework's endpoint definitions (oracle only).
package define

import "github.com/microbus-io/fabric/httpx"

// Function is a function endpoint.
type Function struct {
	Host           string
	Method         string
	Route          string
	RequiredClaims string
	Description    string
	In             any
	Out            any
}

// URL is the endpoint's URL.
func (f Function) URL() string { return httpx.JoinHostAndPath(f.Host, f.Route) }

// Task is a task endpoint.
type Task struct {
	Host           string
	Method         string
	Route          string
	RequiredClaims string
	Description    string
	In             any
	Out            any
}

// Workflow is a workflow endpoint.
type Workflow struct {
	Host           string
	Method         string
	Route          string
	RequiredClaims string
	Description    string
	In             any
	Out            any
}
